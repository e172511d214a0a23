using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Metrics.Regions;
using VolunteerStats.Metrics.Stars;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/stars?year=&amp;through=&amp;region=&amp;top=&amp;format=json|csv</c>: what <c>./volstats stars</c>
/// answers (<see cref="StarService"/>): 1–5-star volunteers per district (or per child of <c>region</c>), the
/// volunteers with most hours this year (masked names) and the organizations with most hours. A region-limited
/// user gets their region (the default) or a region below it.
/// </summary>
public static class StarsEndpoint
{
    public static readonly string[] Columns = ["region_code", "region_name", "stars_1", "stars_2", "stars_3", "stars_4", "stars_5"];

    /// <summary>Volunteers whose home region lies in no region of the grouping level (e.g. registered at district level).</summary>
    public const string Other = "(other)";

    public sealed record StarRegion(
        [property: JsonPropertyName("region_code")] string RegionCode,
        [property: JsonPropertyName("region_name")] string RegionName,
        [property: JsonPropertyName("stars")] int[] Stars);

    public sealed record StarVolunteer(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("organization")] string? Organization,
        [property: JsonPropertyName("region_code")] string RegionCode,
        [property: JsonPropertyName("region_name")] string RegionName,
        [property: JsonPropertyName("hours_this_year")] decimal HoursThisYear,
        [property: JsonPropertyName("hours_cumulative")] decimal HoursCumulative,
        [property: JsonPropertyName("stars")] int Stars);

    public sealed record StarOrganization(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("hours_this_year")] decimal HoursThisYear,
        [property: JsonPropertyName("volunteers")] int Volunteers);

    public sealed record StarsReport(
        [property: JsonPropertyName("through")] string Through,
        [property: JsonPropertyName("region_code")] string? RegionCode,
        [property: JsonPropertyName("level")] string Level,
        [property: JsonPropertyName("stars")] IReadOnlyList<StarRegion> Stars,
        [property: JsonPropertyName("volunteers")] IReadOnlyList<StarVolunteer> Volunteers,
        [property: JsonPropertyName("organizations")] IReadOnlyList<StarOrganization> Organizations);

    public static Task<IResult> Get(string? year, string? through, string? region, string? top, string? format,
        HttpContext http, ApiCache cache, IndicatorService indicators, StarService stars) =>
        cache.AnswerAsync(http, "stars", [year, through, region, top, format], (connection, access) =>
        {
            var fmt = ApiRequest.Format(format, "json", "csv");
            var count = 10;
            if (ApiRequest.Given(top) is { } t && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 1000))
                throw new ApiArgumentException($"top expects a number from 1 to 1000, got '{top}'.");
            var (y, month) = ApiRequest.Period(connection, indicators, year, through);
            var code = ApiRequest.Region(connection, access, region, "region") ?? access.Limit;
            var report = Build(connection, stars, new DateOnly(y, month, DateTime.DaysInMonth(y, month)), code, count);
            if (fmt == "json") return TypedResults.Ok(report);
            var csv = new StringWriter();
            Csv.Write(csv, Columns, report.Stars.Select(s => (IEnumerable<string?>)
                [s.RegionCode, s.RegionName, .. s.Stars.Select(n => n.ToString(CultureInfo.InvariantCulture))]));
            return ApiRequest.Text(csv.ToString(), "csv");
        });

    /// <summary>The star counts per child region of <paramref name="region"/> (districts when null) and the leaders, as <c>stars</c> groups them.</summary>
    public static StarsReport Build(DuckDB.NET.Data.DuckDBConnection connection, StarService stars, DateOnly asOf, string? region, int top)
    {
        var tree = RegionTree.Load(connection);
        var volunteers = stars.Volunteers(connection, asOf, region);
        var level = region is null ? "district" : ChildLevel(region);
        var byRegion = volunteers.Where(v => v.Stars > 0)
            .GroupBy(v => tree.AtLevel(v.HomeRegion, level) ?? Other)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StarRegion(g.Key, g.Key == Other ? Other : tree.Name(g.Key), Enumerable.Range(1, 5).Select(s => g.Count(v => v.Stars == s)).ToArray()))
            .ToList();
        var leaders = volunteers.OrderByDescending(v => v.ThisYear).ThenByDescending(v => v.Cumulative).Take(top)
            .Select(v => new StarVolunteer(v.MaskedName, v.Organization, v.HomeRegion, tree.Name(v.HomeRegion),
                v.ThisYear.ToDecimal(2), v.Cumulative.ToDecimal(2), v.Stars))
            .ToList();
        var organizations = volunteers.GroupBy(v => v.Organization ?? "(none)")
            .Select(g => (Name: g.Key, Hours: g.Aggregate(Fraction.Zero, (a, v) => a + v.ThisYear), People: g.Count()))
            .OrderByDescending(o => o.Hours).Take(top)
            .Select(o => new StarOrganization(o.Name, o.Hours.ToDecimal(2), o.People)).ToList();
        return new StarsReport($"{asOf:yyyy-MM}", region, level, byRegion, leaders, organizations);
    }

    private static string ChildLevel(string region) => RegionCodes.Level(region) switch
    {
        "province" => "city",
        "city" => "district",
        "district" => "street",
        _ => "community",
    };
}
