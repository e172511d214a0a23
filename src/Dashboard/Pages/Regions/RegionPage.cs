using System.Globalization;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Demographics;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Regions;

/// <summary>
/// <c>/regions/CODE?year=&amp;through=</c>: breadcrumbs up to the city, the region's three indicators and their
/// trend, who its volunteers are, and its sub-regions ranked (each a link one level down: a community is three
/// clicks from the city).
/// </summary>
public static class RegionPage
{
    private sealed record Model(Period Period, List<int> Years, RegionIndex Regions, IndicatorRow? Row, IndicatorRow? Before,
        List<(int Month, IndicatorRow Row)> Trend, string? ChildLevel, List<IndicatorRow> Children, DemographicsResult? Panels, Freshness Freshness);

    public static async Task<IResult> Get(string code, HttpContext http, PageData data, DemographicsService demographics, TimeProvider clock)
    {
        var req = new PageRequest(http);
        if (Ingest.Parsing.RegionCodes.TryNormalize(code, out var normalized)) code = normalized;
        var year = req.QueryInt("year");
        var model = await data.ReadCachedAsync(req, c =>
        {
            var regions = c.Regions();
            var period = c.Resolve(clock, year, req.QueryMonth("through", year));
            var freshness = c.Freshness();
            if (!regions.Contains(code) || !req.Access.Allows(regions, code))
                return new Model(period, [], regions, null, null, [], null, [], null, freshness);
            var row = c.Row(regions, code, period);
            var before = period.Previous is { } prev ? c.Row(regions, code, prev) : null;
            var trend = c.Trend(regions, code, period);
            var childLevel = regions.ChildLevel(code);
            var children = childLevel is null ? [] : c.Compute(period, childLevel, code);
            // One table of every home region per month and data version; each region adds up its own from it.
            var panels = c.Cached($"demographics|{period.Year}|{period.Month}", conn => demographics.Table(conn, period.Year, period.Month))
                .For(code, DemographicPanels.Top);
            return new Model(period, c.Years(clock), regions, row, before, trend, childLevel, children, panels, freshness);
        });

        // The HTML too is kept per data version, user and URL: the same model renders the same page.
        return data.Rendered(req, () =>
        {
            if (!model.Regions.Contains(code))
                return Layout.Message(req, req.T(Str.NotFound), $"{code}: {req.T(Str.NotFound)}", model.Freshness, StatusCodes.Status404NotFound);
            if (!req.Access.Allows(model.Regions, code))
                return Layout.Message(req, req.T(Str.Forbidden), req.T(Str.Forbidden), model.Freshness, StatusCodes.Status403Forbidden);

            var f = req.Format;
            var period = model.Period;
            var name = model.Regions.Name(code);
            var suffix = Layout.Url("", ("year", period.Year.ToString(CultureInfo.InvariantCulture)), ("through", period.Through));
            var w = new HtmlWriter();
            w.Add(Breadcrumbs(req, model.Regions, code, suffix));
            w.Add($"""
                <div class="page-head">
                  <h1>{name} <small>{req.T(Str.LevelName(RegionIndex.Level(code)))} · {code}</small></h1>
                  <form class="filters" method="get" action="/regions/{code}" data-autosubmit>
                    <label>{req.T(Str.Year)} <select name="year">
                """);
            foreach (var y in model.Years.Contains(period.Year) ? model.Years : [period.Year, .. model.Years])
                w.Add($"""<option value="{y}"{(y == period.Year ? new Raw(" selected") : Raw.Empty)}>{y}</option>""");
            w.Add($"""</select></label><label>{req.T(Str.Through)} <select name="through">""");
            for (var m = 1; m <= 12; m++)
                w.Add($"""<option value="{period.Year:D4}-{m:D2}"{(m == period.Month ? new Raw(" selected") : Raw.Empty)}>{f.Month(period.Year, m)}</option>""");
            w.Add($"""</select></label><button type="submit">{req.T(Str.Query)}</button></form></div>""");

            if (model.Row is { } row)
            {
                var rankNote = req.Lang == Lang.Zh
                    ? $"{f.Month(period.Year, period.Month)} · 同级排名第 {row.Rank} 名 · 得分 {f.Score(row.Score)}"
                    : $"{f.Month(period.Year, period.Month)} · rank {row.Rank} among peers · score {f.Score(row.Score)}";
                w.Add($"""<p class="lead">{rankNote}</p>""");
                w.Add(Kpi.Cards(req, row, model.Before));
            }
            if (model.Trend.Count > 0)
            {
                w.Add($"""<section class="card"><h2>{req.T(Str.Trend)} <small>{f.Month(period.Year, 1)} – {f.Month(period.Year, period.Month)}</small></h2>""");
                w.Add(Kpi.TrendCharts(req, model.Trend, period.Year));
                w.Add($"""</section>""");
            }
            if (model.ChildLevel is not null)
            {
                w.Add($"""<section class="card"><h2>{req.T(Str.SubRegions)} <small>{req.T(Str.LevelName(model.ChildLevel))} · {model.Children.Count}</small></h2>""");
                if (model.Children.Count == 0) w.Add($"""<p class="muted">{req.T(Str.NoSubRegions)}</p>""");
                else
                {
                    var sort = req.Query("sort") is { } s && IndicatorTable.SortableFields.Contains(s) ? s : null;
                    var rows = IndicatorTable.Sort(model.Children, sort, req.Query("dir") == "desc");
                    w.Add(IndicatorTable.Render(req, rows, period, sort, req.Query("dir") == "desc", suffix));
                }
                w.Add($"""</section>""");
            }
            if (model.Panels is { } panels) w.Add(DemographicPanels.Render(req, panels));
            w.Add(DownloadBar.Render(req, "region", period, region: code));
            return Layout.Page(req, name, "ranking", w.ToRaw(), model.Freshness, charts: true);
        });
    }

    /// <summary>City → district → street → community, each a link keeping the period; the current region last, not a link.</summary>
    private static Raw Breadcrumbs(PageRequest req, RegionIndex regions, string code, string suffix)
    {
        var w = new HtmlWriter();
        w.Add($"""<nav class="breadcrumbs" aria-label="breadcrumbs"><a href="/ranking{suffix}">{req.T(Str.NavRanking)}</a>""");
        // From the office's region (the city; the user's region when limited) down to this one.
        var path = regions.Path(code);
        var top = req.Access.RegionLimit ?? regions.Top();
        if (top is not null && path.IndexOf(top) is var at and > 0) path = path[at..];
        foreach (var c in path)
        {
            if (!req.Access.Allows(regions, c) && c != code) continue;
            if (c == code) w.Add($"""<span class="sep">›</span><span aria-current="page">{regions.Name(c)}</span>""");
            else w.Add($"""<span class="sep">›</span><a href="/regions/{c}{suffix}" data-region="{c}">{regions.Name(c)}</a>""");
        }
        w.Add($"""</nav>""");
        return w.ToRaw();
    }
}
