using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Metrics.Regions;
using VolunteerStats.Metrics.Stars;
using VolunteerStats.Reports.Scope;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// The region tree the user may see (<c>GET /api/regions</c>), one region with its breadcrumbs and children
/// (<c>GET /api/regions/{code}</c>) and its indicators month by month (<c>GET /api/regions/{code}/trend</c>, the
/// text of <c>./volstats trend --format csv|json</c>: each month's row exactly as <c>indicators</c> lists it among
/// its peers).
/// </summary>
public static class RegionsEndpoint
{
    public static readonly string[] Columns = ["region_code", "region_name", "level", "parent_code"];

    public sealed record RegionItem(
        [property: JsonPropertyName("region_code")] string RegionCode,
        [property: JsonPropertyName("region_name")] string RegionName,
        [property: JsonPropertyName("level")] string Level,
        [property: JsonPropertyName("parent_code")] string? ParentCode);

    public sealed record RegionDetail(
        [property: JsonPropertyName("region_code")] string RegionCode,
        [property: JsonPropertyName("region_name")] string RegionName,
        [property: JsonPropertyName("level")] string Level,
        [property: JsonPropertyName("parent_code")] string? ParentCode,
        [property: JsonPropertyName("path")] IReadOnlyList<RegionItem> Path,
        [property: JsonPropertyName("children")] IReadOnlyList<RegionItem> Children);

    /// <summary><c>GET /api/regions?level=&amp;parent=&amp;format=json|csv</c>.</summary>
    public static Task<IResult> List(string? level, string? parent, string? format, HttpContext http, ApiCache cache) =>
        cache.AnswerAsync(http, "regions", [level, parent, format], (connection, access) =>
        {
            var fmt = ApiRequest.Format(format, "json", "csv");
            var lvl = ApiRequest.Given(level);
            if (lvl is not null && !IndicatorService.Levels.Contains(lvl))
                throw new ApiArgumentException($"level must be one of {string.Join(", ", IndicatorService.Levels)}; got '{level}'.");
            var parentCode = ApiRequest.Region(connection, access, parent, "parent");
            var items = access.Filter(IndicatorService.ListRegions(connection), r => r.Code)
                .Where(r => lvl is null || RegionCodes.Level(r.Code) == lvl)
                .Where(r => parentCode is null || r.Parent == parentCode)
                .OrderBy(r => Array.IndexOf(IndicatorService.Levels, RegionCodes.Level(r.Code))).ThenBy(r => r.Code, StringComparer.Ordinal)
                .Select(Item).ToList();
            return Render(items, fmt);
        });

    /// <summary><c>GET /api/regions/{code}</c>: the region, its path from the top the user may see, its children.</summary>
    public static Task<IResult> Get(string code, HttpContext http, ApiCache cache) =>
        cache.AnswerAsync(http, "region", [code], (connection, access) =>
        {
            var regions = IndicatorService.ListRegions(connection);
            var resolved = Resolve(regions, access, code);
            var byCode = regions.ToDictionary(r => r.Code);
            if (!byCode.TryGetValue(resolved, out var region))
                throw new ApiNotFoundException($"code {resolved}: it is not in the regions file (only the parent of regions in it).");
            var tree = RegionTree.Load(connection);
            var path = new List<RegionItem>();
            for (string? c = resolved; c is not null && path.Count < 10; c = tree.Parent(c))
                if (byCode.TryGetValue(c, out var r) && access.Allows(c)) path.Insert(0, Item(r));
            var children = regions.Where(r => r.Parent == resolved).OrderBy(r => r.Code, StringComparer.Ordinal).Select(Item).ToList();
            var item = Item(region);
            return TypedResults.Ok(new RegionDetail(item.RegionCode, item.RegionName, item.Level, item.ParentCode, path, children));
        });

    /// <summary>
    /// <c>GET /api/regions/{code}/trend?year=&amp;through=&amp;format=csv|json</c>: January through the month, each
    /// month the region's row as <c>indicators --level LEVEL --parent PARENT</c> computes it (rank among its peers).
    /// </summary>
    public static Task<IResult> Trend(string code, string? year, string? through, string? format, HttpContext http,
        ApiCache cache, IndicatorService indicators) =>
        cache.AnswerAsync(http, "trend", [code, year, through, format], (connection, access) =>
        {
            var fmt = ApiRequest.Format(format, "csv", "json");
            var (y, month) = ApiRequest.Period(connection, indicators, year, through);
            var regions = ReportRegions.Load(connection);
            var resolved = Resolve(IndicatorService.ListRegions(connection), access, code);
            if (!regions.Exists(resolved))
                throw new ApiNotFoundException($"code {resolved}: it is not in the regions file (only the parent of regions in it); pick one of its regions.");
            var months = regions.Trend(indicators, connection, y, month, resolved);
            return ApiRequest.Text(fmt == "csv" ? TrendCsv(y, months) : TrendJson(y, months), fmt);
        });

    /// <summary>The CSV of <c>./volstats trend</c>: <c>month</c> then the §6 columns, one row a month.</summary>
    public static string TrendCsv(int year, IReadOnlyList<(int Month, IndicatorRow Row)> months)
    {
        var writer = new StringWriter();
        Csv.Write(writer, ["month", .. IndicatorFormats.Columns],
            months.Select(m => (IEnumerable<string?>)[$"{year}-{m.Month:00}", .. IndicatorFormats.CsvFields(m.Row)]));
        return writer.ToString();
    }

    private static string TrendJson(int year, IReadOnlyList<(int Month, IndicatorRow Row)> months)
    {
        var rows = JsonNode.Parse(IndicatorFormats.RenderJson(months.Select(m => m.Row).ToList()))!.AsArray();
        var result = new JsonArray();
        for (var i = 0; i < months.Count; i++)
        {
            var row = new JsonObject { ["month"] = $"{year}-{months[i].Month:00}" };
            foreach (var (key, value) in rows[i]!.AsObject().ToList()) row[key] = value?.DeepClone();
            result.Add(row);
        }
        return result.ToJsonString(IndicatorFormats.JsonOutput) + "\n";
    }

    /// <summary>A code or name from the path: unknown is a 404, outside the user's limit a 403.</summary>
    private static string Resolve(IReadOnlyList<IndicatorService.Region> regions, RegionAccess access, string code)
    {
        string resolved;
        try
        {
            resolved = RegionResolver.Resolve(regions, code, "code");
        }
        catch (IndicatorQueryException e)
        {
            throw new ApiNotFoundException(e.Message);
        }
        ApiRequest.Require(access, resolved, "code");
        return resolved;
    }

    private static RegionItem Item(IndicatorService.Region r) => new(r.Code, r.Name, RegionCodes.Level(r.Code), r.Parent);

    private static IResult Render(List<RegionItem> items, string format)
    {
        if (format == "json") return TypedResults.Ok(items);
        var writer = new StringWriter();
        Csv.Write(writer, Columns, items.Select(i => (IEnumerable<string?>)[i.RegionCode, i.RegionName, i.Level, i.ParentCode]));
        return ApiRequest.Text(writer.ToString(), "csv");
    }
}
