using System.Globalization;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>
/// The download bar of a view: the same numbers as the page, from the <c>/api/</c> routes, for the view's parameters
/// (year, month, level, parent or region): CSV, the Excel workbook (analysts), the chart as PNG and the month's
/// 简报 (PDF, Word, HTML). Every link is checked again on the server against the user's role and region limit.
/// One call per page: <c>w.Add(DownloadBar.Render(req, "ranking", period, level, parent));</c>
/// </summary>
public static class DownloadBar
{
    private static readonly L Csv = new("表格 CSV", "CSV");
    private static readonly L Excel = new("Excel 工作簿", "Excel workbook");
    private static readonly L Chart = new("图表 PNG", "Chart PNG");
    private static readonly L Briefing = new("本月简报", "Monthly briefing");
    private static readonly L Rejects = new("拒收行 CSV", "Rejected rows CSV");
    private static readonly L Api = new("接口说明", "API");

    /// <param name="view">overview, ranking, region, stars or quality.</param>
    /// <param name="region">The region the view is about (region page, stars of a region); null: <paramref name="parent"/>, else the user's limit.</param>
    public static Raw Render(PageRequest req, string view, Period period, string? level = null, string? parent = null, string? region = null)
    {
        var year = period.Year.ToString(CultureInfo.InvariantCulture);
        var where = region ?? parent ?? req.Access.RegionLimit;
        var analyst = req.Access.Role is PageAccess.Analyst or PageAccess.Admin;
        var links = new List<(L Label, string Url)>();
        switch (view)
        {
            case "region" when region is not null:
                links.Add((Csv, Layout.Url($"/api/regions/{Uri.EscapeDataString(region)}/trend", ("year", year), ("through", period.Through), ("format", "csv"))));
                links.Add((Chart, Layout.Url("/api/charts/trend.png", ("year", year), ("through", period.Through), ("region", region))));
                break;
            case "stars":
                links.Add((Csv, Layout.Url("/api/stars", ("year", year), ("through", period.Through), ("region", region), ("format", "csv"))));
                break;
            case "quality":
                if (analyst && req.Access.RegionLimit is null) links.Add((Rejects, "/api/rejects?format=csv"));
                break;
            default:
                links.Add((Csv, Layout.Url("/api/indicators", ("year", year), ("through", period.Through), ("level", level), ("parent", parent), ("format", "csv"))));
                links.Add((Chart, Layout.Url("/api/charts/ranking.png", ("year", year), ("through", period.Through), ("level", level), ("parent", parent))));
                break;
        }
        if (analyst)
            links.Add((Excel, Layout.Url("/api/export.xlsx", ("year", year), ("through", period.Through),
                ("level", view == "region" && region is not null ? ChildLevel(region) : level), ("parent", view == "region" ? region : parent))));
        var month = period.Through;
        var briefing = Layout.Url($"/api/briefings/{month}.pdf", ("region", where));
        var w = new HtmlWriter();
        w.Add($"""<div class="downloads" data-downloads="{view}"><span>{req.T(Str.Downloads)}:</span> """);
        foreach (var (label, url) in links) w.Add($"""<a href="{url}" download>{req.T(label)}</a> """);
        w.Add($"""<a href="{briefing}" download>{req.T(Briefing)} PDF</a> """);
        w.Add($"""<a href="{Layout.Url($"/api/briefings/{month}.docx", ("region", where))}" download>Word</a> """);
        w.Add($"""<a href="{Layout.Url($"/api/briefings/{month}.html", ("region", where))}" target="_blank">HTML</a> """);
        w.Add($"""<a class="muted" href="/openapi/v1.json">{req.T(Api)}</a></div>""");
        return w.ToRaw();
    }

    /// <summary>The level of a region's sub-regions, by its code (CONTRACT §2).</summary>
    private static string ChildLevel(string code) => Ingest.Parsing.RegionCodes.Level(code) switch
    {
        "province" => "city",
        "city" => "district",
        "district" => "street",
        _ => "community",
    };
}
