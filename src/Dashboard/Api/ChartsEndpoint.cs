using Microsoft.AspNetCore.Http;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Charts;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/charts/{ranking|trend|coverage}.{png|svg}?year=&amp;through=&amp;level=&amp;parent=&amp;region=</c>:
/// the charts of <c>./volstats chart</c> (<see cref="ChartService"/>), drawn from the rows <c>indicators</c> computes
/// and limited to the user's region (a trend or parent outside it is a 403).
/// </summary>
public static class ChartsEndpoint
{
    public static Task<IResult> Get(string kind, string format, string? year, string? through, string? level, string? parent, string? region,
        HttpContext http, DatabaseWriter writer, IndicatorService indicators, ChartService charts, CancellationToken ct) =>
        ApiRequest.ReadAsync(http.User, writer, (connection, access) =>
        {
            var chartKind = kind.ToLowerInvariant() switch
            {
                "ranking" => ChartKind.Ranking,
                "trend" => ChartKind.Trend,
                "coverage" => ChartKind.Coverage,
                _ => throw new ApiNotFoundException($"chart kind must be ranking, trend or coverage; got '{kind}'."),
            };
            var chartFormat = format.ToLowerInvariant() switch
            {
                "png" => ChartFormat.Png,
                "svg" => ChartFormat.Svg,
                _ => throw new ApiNotFoundException($"chart format must be png or svg; got '{format}'."),
            };
            var query = ExportEndpoint.Query(connection, indicators, access, year, through, level, parent);
            var regionCode = ApiRequest.Region(connection, access, region, "region");
            var image = charts.Draw(connection, new ChartRequest(chartKind, query, regionCode), chartFormat, ApiRequest.Scope(access));
            var where = regionCode ?? query.Parent ?? access.Limit;
            var names = IndicatorService.ListRegions(connection).ToDictionary(r => r.Code, r => r.Name);
            var whereName = where is null ? "" : names.GetValueOrDefault(where, where) + "_";
            var title = chartKind switch { ChartKind.Ranking => "排名图", ChartKind.Trend => "趋势图", _ => "覆盖图" };
            var ext = chartFormat == ChartFormat.Png ? "png" : "svg";
            var stem = $"{query.Year}-{query.Through:00}";
            return ApiRequest.File(http, image.Bytes, image.ContentType, $"{title}_{whereName}{stem}.{ext}",
                $"volstats-{kind.ToLowerInvariant()}_{where ?? "all"}_{stem}.{ext}");
        }, ct);
}
