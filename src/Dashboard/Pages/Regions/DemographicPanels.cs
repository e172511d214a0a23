using System.Globalization;
using System.Text.Json;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Demographics;

namespace VolunteerStats.Dashboard.Pages.Regions;

/// <summary>
/// "Who the volunteers are" on <c>/regions/CODE</c>: one ECharts panel per dimension of <see cref="DemographicsService"/>
/// (age band and the largest organizations and categories as bars of registered and active, gender and political status
/// as rings), each with its table of figures (every slice, 未填写 included), which adds up to the region's registered and
/// active. Numbers and shares are formatted here; <c>js/demographics.js</c> only draws.
/// </summary>
public static class DemographicPanels
{
    /// <summary>Organizations and categories shown by name; the rest are added up as 其他.</summary>
    public const int Top = 8;

    public static Raw Render(PageRequest req, DemographicsResult result, string id = "demographics")
    {
        var f = req.Format;
        var en = req.Lang == Lang.En;
        var w = new HtmlWriter();
        w.Add($"""
            <section class="card demographics" id="{id}-section" data-region="{result.RegionCode}" data-registered="{result.Registered}" data-active="{result.Active}">
            <h2>{req.T(Str.WhoTheVolunteersAre)} <small>{f.Month(result.Year, result.Through)} · {req.T(Str.Registered)} {f.People(result.Registered)} · {req.T(Str.Active)} {f.People(result.Active)}</small></h2>
            """);
        if (result.Registered == 0)
        {
            w.Add($"""<p class="muted">{req.T(Str.NoVolunteersHere)}</p></section>""");
            return w.ToRaw();
        }
        w.Add($"""<div class="demo-grid">""");
        var charts = new List<object>();
        foreach (var panel in result.Panels)
        {
            var index = charts.Count.ToString(CultureInfo.InvariantCulture);
            var ring = panel.Dimension is DemographicsService.Gender or DemographicsService.Political;
            var shown = panel.Slices;
            w.Add($"""
                <div class="demo-panel" data-dimension="{panel.Dimension}" data-registered="{panel.Registered}" data-active="{panel.Active}">
                <h3>{DemographicLabels.Dimension(panel.Dimension, en)}</h3>
                <div class="demo-chart" data-demo-index="{index}" role="img" aria-label="{DemographicLabels.Dimension(panel.Dimension, en)}"></div>
                <details><summary>{req.T(Str.Figures)}</summary><table class="data demo-table"><thead><tr><th></th><th class="num">{req.T(Str.Registered)}</th><th class="num">{req.T(Str.Active)}</th><th class="num">{req.T(Str.ActiveRate)}</th></tr></thead><tbody>
                """);
            foreach (var s in shown)
                w.Add($"""<tr data-value="{s.Value ?? ""}" data-registered="{s.Registered}" data-active="{s.Active}"><th>{DemographicLabels.Value(panel.Dimension, s.Value, en)}</th><td class="num">{f.Whole(s.Registered)}</td><td class="num">{f.Whole(s.Active)}</td><td class="num">{Share(f, s.Active, s.Registered)}</td></tr>""");
            w.Add($"""<tr class="total"><th>{req.T(Str.Total)}</th><td class="num">{f.Whole(panel.Registered)}</td><td class="num">{f.Whole(panel.Active)}</td><td class="num">{Share(f, panel.Active, panel.Registered)}</td></tr></tbody></table></details></div>""");
            // The chart leaves out persons without hours (category): they are in the table.
            var drawn = shown.Where(s => s.Value != DemographicsService.NoService).ToList();
            charts.Add(new
            {
                kind = ring ? "ring" : panel.Dimension == DemographicsService.Age ? "columns" : "bars",
                names = drawn.Select(s => DemographicLabels.Value(panel.Dimension, s.Value, en)).ToArray(),
                registered = drawn.Select(s => s.Registered).ToArray(),
                active = drawn.Select(s => s.Active).ToArray(),
                registeredLabels = drawn.Select(s => f.Count(s.Registered)).ToArray(),
                activeLabels = drawn.Select(s => f.Count(s.Active)).ToArray(),
                shares = drawn.Select(s => Share(f, s.Registered, panel.Registered)).ToArray(),
                missing = drawn.Select(s => s.Value is null).ToArray(),
                activeOnly = panel.Dimension == DemographicsService.Category,
            });
        }
        var json = JsonSerializer.Serialize(new
        {
            registeredName = req.T(Str.Registered),
            activeName = req.T(Str.Active),
            charts,
        }).Replace("</", "<\\/", StringComparison.Ordinal);
        var hint = en
            ? "Every panel counts each volunteer once: registered volunteers not cancelled at the month end (as the indicators), attributes from their first registration; active = with hours this year. Service category: the category of a volunteer's most hours. Organizations and categories beyond the largest 8 are added up as Others."
            : "每个面板中每名志愿者只计一次：月末在册（未注销）的注册志愿者，与指标口径一致，属性取其首次注册信息；活跃 = 本年有服务时长。服务类别取其服务时长最多的类别；组织与类别仅列出人数最多的 8 个，其余合并为“其他”。";
        w.Add($"""
            </div><p class="hint">{hint}</p>
            <script type="application/json" id="{id}">{new Raw(json)}</script>
            <script src="/js/demographics.js?v={Layout.AssetVersion}" defer></script>
            </section>
            """);
        return w.ToRaw();
    }

    private static string Share(DisplayFormat f, long part, long whole) =>
        whole == 0 ? "—" : f.Percent(new Metrics.Indicators.Fraction(part, whole));
}
