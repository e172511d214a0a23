using System.Security.Claims;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/anomalies?year=&amp;through=&amp;region=&amp;format=csv|json</c> (analyst): hours that deserve a second
/// look, most suspicious first, as <c>./volstats anomalies</c> lists them (CONTRACT §10 columns, <see cref="AnomalyService"/>).
/// A region-limited user gets the flags of their region (the default) or of a region below it, each listing only the
/// records of people living there (an organization-day may mix several districts): its <c>records</c>, <c>hours</c>
/// and <c>record_ids</c> are then those records'.
/// </summary>
public static class AnomaliesEndpoint
{
    public static Task<IResult> Get(string? year, string? through, string? region, string? format,
        ClaimsPrincipal user, DatabaseWriter writer, IndicatorService indicators, AnomalyService anomalies, CancellationToken ct) =>
        ApiRequest.ReadAsync(user, writer, (connection, access) =>
        {
            var fmt = ApiRequest.Format(format, "csv", "json");
            var (y, month) = ApiRequest.Period(connection, indicators, year, through);
            var code = ApiRequest.Region(connection, access, region, "region") ?? access.Limit;
            var flags = anomalies.Find(connection, new AnomalyQuery(y, month, code), ct);
            if (!access.IsUnlimited) flags = KeepInLimit(connection, flags, access, new DateOnly(y, 1, 1), new DateOnly(y, month, 1).AddMonths(1).AddDays(-1));
            return ApiRequest.Text(AnomalyFormats.Render(flags, fmt), fmt);
        }, ct);

    private static List<AnomalyFlag> KeepInLimit(DuckDBConnection connection, List<AnomalyFlag> flags, RegionAccess access, DateOnly from, DateOnly to)
    {
        var sql = AnomalyService.WithRecords(SqlScripts.Load(typeof(AnomaliesEndpoint).Assembly, "Api/AnomalyRecords.sql"));
        var wanted = flags.SelectMany(f => f.RecordIds).ToHashSet(StringComparer.Ordinal);
        var records = new Dictionary<string, (string? Home, long Units)>(StringComparer.Ordinal);
        foreach (var r in connection.Query(sql, ("hist_from", from), ("to", to)))
            if (wanted.Contains(r.GetString(0))) records[r.GetString(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2));
        var kept = new List<AnomalyFlag>();
        foreach (var flag in flags)
        {
            var mine = flag.RecordIds.Where(id => records.TryGetValue(id, out var rec) && rec.Home is { } home && access.Allows(home)).ToList();
            if (mine.Count == 0) continue;
            if (mine.Count == flag.RecordIds.Count) kept.Add(flag);
            else kept.Add(flag with { RecordIds = mine, Records = mine.Count, Hours = mine.Sum(id => records[id].Units) / (double)Hours.UnitsPerHour });
        }
        return kept;
    }
}
