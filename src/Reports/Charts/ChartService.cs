using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Scope;

namespace VolunteerStats.Reports.Charts;

/// <summary>What to chart: the arguments of <c>./volstats chart</c>.</summary>
/// <param name="Query">Year, through, level and parent exactly as <c>indicators</c> reads them.</param>
/// <param name="Region">The region of a trend (defaults to the parent, else the lowest region holding every registration).</param>
public sealed record ChartRequest(ChartKind Kind, IndicatorQuery Query, string? Region = null);

/// <summary>
/// Charts for the command line and the dashboard: the rows come from <see cref="IndicatorService"/> (the same
/// computation as <c>indicators</c>), limited to <see cref="ReportScope"/>, and are drawn by <see cref="ChartRenderer"/>.
/// </summary>
public sealed class ChartService(IndicatorService indicators)
{
    public ChartImage Draw(DuckDBConnection connection, ChartRequest request, ChartFormat format, ReportScope? scope = null)
    {
        scope ??= ReportScope.Everything;
        var regions = ReportRegions.Load(connection);
        var query = request.Query with { Through = request.Query.Through ?? indicators.DefaultThrough(connection, request.Query.Year) };
        var month = query.Through!.Value;
        switch (request.Kind)
        {
            case ChartKind.Trend:
            {
                var code = request.Region is { } r ? regions.Resolve(r, "--region")
                    : query.Parent is { } p ? regions.Resolve(p, "--parent")
                    : scope.Region ?? DefaultRegion(connection, regions);
                scope.Require(regions.Tree, code);
                var months = regions.Trend(indicators, connection, query.Year, month, code);
                return ChartRenderer.Trend(months, $"{regions.Name(code)} {query.Year}年1—{month}月志愿服务指标走势", format);
            }
            default:
            {
                var parent = query.Parent is { } p ? regions.Resolve(p, "--parent") : null;
                if (parent is not null) scope.Require(regions.Tree, parent);
                var level = query.Level;
                // Coverage is "per sub-region": of --region (or --parent) when given, at its children's level.
                if (request.Kind == ChartKind.Coverage && parent is null && request.Region is { } sub)
                {
                    parent = regions.Resolve(sub, "--region");
                    scope.Require(regions.Tree, parent);
                    level = regions.ChildLevel(parent);
                }
                var rows = scope.Filter(regions.Tree, indicators.Compute(connection, query with { Parent = parent, Level = level }));
                var where = parent is null ? "" : regions.Name(parent) + " ";
                var levelName = Formatting.ChineseFormat.LevelNoun(level);
                return request.Kind == ChartKind.Ranking
                    ? ChartRenderer.Ranking(rows, $"{where}各{levelName}志愿服务指标排名（{query.Year}年1—{month}月）", format)
                    : ChartRenderer.Coverage(rows, $"{where}各{levelName}注册、活跃志愿者与注册目标（截至{query.Year}年{month}月底）", format);
            }
        }
    }

    /// <summary>The lowest region of the regions file that holds every stored registration (CONTRACT §8's default).</summary>
    public static string DefaultRegion(DuckDBConnection connection, ReportRegions regions)
    {
        var codes = new List<string>();
        foreach (var row in Ingest.Storage.DuckDbCommandExtensions.Query(connection, "SELECT DISTINCT region_code FROM registrations ORDER BY 1"))
            codes.Add(row.GetString(0));
        return (codes.Count > 0 ? regions.LowestCommon(codes) : regions.Top())
            ?? throw new UnknownRegionException("No regions are stored: ingest a regions file first.");
    }

    public static ChartKind ParseKind(string text) => text switch
    {
        "ranking" => ChartKind.Ranking,
        "trend" => ChartKind.Trend,
        "coverage" => ChartKind.Coverage,
        _ => throw new ArgumentException($"chart: the kind must be ranking, trend or coverage; got '{text}'."),
    };

    public static ChartFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ChartFormat.Png,
        ".svg" => ChartFormat.Svg,
        _ => throw new ArgumentException($"chart: --out must end in .png or .svg; got '{path}'."),
    };

    internal static string LevelOf(string code) => RegionCodes.Level(code);
}
