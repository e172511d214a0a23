using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Exports;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/export.xlsx?year=&amp;through=&amp;level=&amp;parent=</c> (analyst): the workbook of
/// <c>./volstats export</c> (<see cref="WorkbookExporter"/>: the §6 columns on the first sheet, then the monthly
/// trend, star volunteers and data quality), limited to the user's region by the exporter's own scope.
/// </summary>
public static class ExportEndpoint
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<IResult> Get(string? year, string? through, string? level, string? parent,
        HttpContext http, DatabaseWriter writer, IndicatorService indicators, WorkbookExporter exporter, CancellationToken ct) =>
        ApiRequest.ReadAsync(http.User, writer, (connection, access) =>
        {
            var query = Query(connection, indicators, access, year, through, level, parent);
            using var stream = new MemoryStream();
            exporter.Write(connection, query, stream, ApiRequest.Scope(access));
            var where = query.Parent ?? access.Limit;
            var whereName = where is null ? "" : IndicatorService.ListRegions(connection).FirstOrDefault(r => r.Code == where)?.Name ?? where;
            var stem = $"{query.Year}-{query.Through:00}_{query.Level}";
            return ApiRequest.File(http, stream.ToArray(), XlsxType,
                $"志愿服务指标_{(whereName.Length > 0 ? whereName + "_" : "")}{stem}.xlsx", $"volstats-indicators_{where ?? "all"}_{stem}.xlsx");
        }, ct);

    /// <summary>
    /// The listing a view asks for, as <c>indicators</c> reads it: year (default: the latest with data), through
    /// (default: the latest month), level (default district), parent by code or name within the user's limit. A limited
    /// user asking for the level just below their region without a parent gets their region as the parent, as on the
    /// ranking page (ranks among their own sub-regions).
    /// </summary>
    public static IndicatorQuery Query(DuckDBConnection connection, IndicatorService indicators, RegionAccess access,
        string? year, string? through, string? level, string? parent)
    {
        var (y, month) = ApiRequest.Period(connection, indicators, year, through);
        var parsed = IndicatorQueryParser.Parse(y.ToString(System.Globalization.CultureInfo.InvariantCulture), null, level, null);
        var parentCode = ApiRequest.Region(connection, access, parent, "parent");
        if (parentCode is null && access.Limit is { } limit
            && Array.IndexOf(IndicatorService.Levels, parsed.Level) == Array.IndexOf(IndicatorService.Levels, RegionCodes.Level(limit)) + 1)
            parentCode = limit;
        return new IndicatorQuery(y, month, parsed.Level, parentCode);
    }
}
