using System.Security.Claims;
using DuckDB.NET.Data;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Regions;

/// <summary>
/// A user's region limit (CONTRACT §9): a limited user sees their region and the regions below it only, in every
/// page, API answer, chart and export; asking for another region answers 403. How to use it:
/// <code>
/// var access = await scope.ForAsync(context.User, ct);           // once per request (reads the region tree)
/// if (!access.Allows(code)) return TypedResults.Forbid();          // a region asked for by code (parent, /regions/CODE)
/// rows = access.Filter(rows, r => r.RegionCode);                   // every list of regions shown
/// </code>
/// Inside a read you already hold, <see cref="For(ClaimsPrincipal, DuckDBConnection)"/> avoids a second connection.
/// Ancestors of the limit (the city above a district) are not allowed: their totals include other districts.
/// </summary>
public sealed class RegionScope(DatabaseWriter writer)
{
    /// <summary>The region code a user is limited to, or null when they may see every region.</summary>
    public static string? LimitOf(ClaimsPrincipal user) => user.FindFirst(AuthSchemes.RegionClaim)?.Value;

    /// <summary>The user's access, reading the region tree only when the user is limited.</summary>
    public Task<RegionAccess> ForAsync(ClaimsPrincipal user, CancellationToken ct) =>
        LimitOf(user) is null ? Task.FromResult(RegionAccess.Unlimited) : writer.ReadAsync(connection => For(user, connection), ct);

    /// <summary>The user's access, reading the region tree on <paramref name="connection"/> when the user is limited.</summary>
    public static RegionAccess For(ClaimsPrincipal user, DuckDBConnection connection) =>
        LimitOf(user) is { } limit
            ? new RegionAccess(limit, IndicatorService.ListRegions(connection).ToDictionary(r => r.Code, r => r.Parent, StringComparer.Ordinal))
            : RegionAccess.Unlimited;
}

/// <summary>What one user may see: <see cref="Allows"/> a code, <see cref="Filter{T}"/> rows.</summary>
public sealed class RegionAccess
{
    public static readonly RegionAccess Unlimited = new(null, new Dictionary<string, string?>());

    private readonly IReadOnlyDictionary<string, string?> _parents;

    public RegionAccess(string? limit, IReadOnlyDictionary<string, string?> parents)
    {
        Limit = limit;
        _parents = parents;
    }

    /// <summary>The region the user is limited to, or null (every region).</summary>
    public string? Limit { get; }

    public bool IsUnlimited => Limit is null;

    /// <summary>
    /// Whether the user may see region <paramref name="code"/>: every code for an unlimited user, else the limit and
    /// the regions below it (by the parents the regions file names, else by the code's structure, CONTRACT §2).
    /// A 12-digit code standing for a 6- or 9-digit one is read as that code.
    /// </summary>
    public bool Allows(string? code)
    {
        if (Limit is null) return true;
        if (string.IsNullOrWhiteSpace(code)) return false;
        var current = RegionCodes.TryNormalize(code, out var normalized) ? normalized : code.Trim();
        for (var steps = 0; current is not null && steps < 16; steps++)
        {
            if (current == Limit) return true;
            current = _parents.TryGetValue(current, out var parent) ? parent : RegionCodes.StructuralParent(current);
        }
        return false;
    }

    /// <summary>Whether <paramref name="code"/> lies above the limit (the user's city for a district user).</summary>
    public bool IsAbove(string? code) =>
        Limit is not null && !string.IsNullOrWhiteSpace(code) && code != Limit
        && new RegionAccess(RegionCodes.TryNormalize(code, out var c) ? c : code.Trim(), _parents).Allows(Limit);

    /// <summary>The rows whose region the user may see, in their order.</summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> rows, Func<T, string?> code) => Limit is null ? rows : rows.Where(r => Allows(code(r)));
}
