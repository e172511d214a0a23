using System.Security.Claims;
using DuckDB.NET.Data;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Regions;

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
