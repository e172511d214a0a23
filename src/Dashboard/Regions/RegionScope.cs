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
    public static RegionAccess For(ClaimsPrincipal user, DuckDBConnection connection) => For(LimitOf(user), connection);

    /// <summary>The access of a user limited to <paramref name="limit"/> (null: every region), reading the region tree on <paramref name="connection"/>.</summary>
    public static RegionAccess For(string? limit, DuckDBConnection connection) =>
        limit is not null
            ? new RegionAccess(limit, IndicatorService.ListRegions(connection).ToDictionary(r => r.Code, r => r.Parent, StringComparer.Ordinal))
            : RegionAccess.Unlimited;
}
