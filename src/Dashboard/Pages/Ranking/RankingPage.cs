using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Ranking;

/// <summary>
/// <c>/ranking?year=&amp;through=&amp;level=&amp;parent=&amp;sort=&amp;dir=</c>: the regions of a level ranked as
/// <c>./volstats indicators</c> ranks them, every §6 column a cell with the CSV's text in <c>data-value</c>.
/// </summary>
public static class RankingPage
{
    private sealed record Model(Period Period, List<int> Years, RegionIndex Regions, string Level, string? Parent,
        List<IndicatorRow> Rows, Freshness Freshness);

    public static async Task<IResult> Get(HttpContext http, PageData data, TimeProvider clock)
    {
        var req = new PageRequest(http);
        var year = req.QueryInt("year");
        var asked = (Level: req.Query("level"), Parent: req.Query("parent"));
        var model = await data.ReadCachedAsync(req, c =>
        {
            var regions = c.Regions();
            var period = c.Resolve(clock, year, req.QueryMonth("through", year));
            var limit = req.Access.RegionLimit;
            var top = limit ?? regions.Top();
            var parent = asked.Parent is { } p && Ingest.Parsing.RegionCodes.TryNormalize(p, out var code) ? code : asked.Parent;
            var level = asked.Level is { } l && IndicatorService.Levels.Contains(l) ? l
                : parent is not null ? regions.ChildLevel(parent) ?? "district"
                : top is not null ? regions.ChildLevel(top) ?? "district" : "district";
            // A user limited to a region sees it and what lies below it: without a parent, the parent is that region.
            if (limit is not null && parent is null && Array.IndexOf(IndicatorService.Levels, level) > Array.IndexOf(IndicatorService.Levels, RegionIndex.Level(limit)))
                parent = limit;
            var rows = c.Compute(period, level, parent).Where(r => req.Access.Allows(regions, r.RegionCode)).ToList();
            return new Model(period, c.Years(clock), regions, level, parent, rows, c.Freshness());
        });

        // The HTML too is kept per data version, user and URL: the same model renders the same page.
        return data.Rendered(req, () =>
        {
            if (model.Parent is { } par && !model.Regions.Contains(par))
                return Layout.Message(req, req.T(Str.NotFound), $"{par}: {req.T(Str.NotFound)}", model.Freshness, StatusCodes.Status404NotFound);
            if (model.Parent is { } par2 && !req.Access.Allows(model.Regions, par2) && !model.Rows.Any())
                return Layout.Message(req, req.T(Str.Forbidden), req.T(Str.Forbidden), model.Freshness, StatusCodes.Status403Forbidden);

            var sort = req.Query("sort") is { } s && IndicatorTable.SortableFields.Contains(s) ? s : null;
            var descending = req.Query("dir") == "desc";
            var rows = IndicatorTable.Sort(model.Rows, sort, descending);
            var f = req.Format;
            var period = model.Period;
            var scopeName = model.Parent is { } pp ? model.Regions.Name(pp) : (model.Regions.Top() is { } t && model.Level != RegionIndex.Level(t) ? model.Regions.Name(t) : "");
            var title = Str.RankingHeading(req.Lang, scopeName, req.T(Str.LevelName(model.Level)), f.Month(period.Year, period.Month));
            var suffix = Layout.Url("", ("year", period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("through", period.Through));

            var w = new HtmlWriter();
            w.Add($"""<div class="page-head"><h1>{title}</h1>""");
            w.Add(Filters(req, model));
            w.Add($"""</div>""");
            if (model.Rows.Count == 0)
            {
                w.Add($"""<section class="card empty"><p>{req.T(Str.NoData)}</p></section>""");
                return Layout.Page(req, req.T(Str.RankingTitle), "ranking", w.ToRaw(), model.Freshness);
            }
            w.Add(Summary(req, model.Rows));
            w.Add(IndicatorTable.Render(req, rows, period, sort, descending, suffix));
            w.Add($"""<p class="hint">{req.T(Str.RankingHint)}</p>""");
            w.Add(DownloadBar.Render(req, "ranking", model.Period, model.Level, model.Parent));
            return Layout.Page(req, req.T(Str.RankingTitle), "ranking", w.ToRaw(), model.Freshness);
        });
    }

    private static Raw Summary(PageRequest req, List<IndicatorRow> rows)
    {
        var lang = req.Lang;
        int Count(Func<IndicatorRow, bool?> met) => rows.Count(r => met(r) == true);
        var all = rows.Count(r => r.RegistrationMet == true && r.ActiveMet == true && r.HoursMet == true);
        return HtmlWriter.Fragment($"""
            <div class="summary">
              <span class="chip">{rows.Count} {req.T(Str.RegionsWord)}</span>
              <span class="chip strong">{req.T(Str.AllThreeMet)} {all}</span>
              <span class="chip">{req.T(Str.RegistrationRate)} {Str.MetOf(lang, Count(r => r.RegistrationMet), rows.Count)}</span>
              <span class="chip">{req.T(Str.ActiveRate)} {Str.MetOf(lang, Count(r => r.ActiveMet), rows.Count)}</span>
              <span class="chip">{req.T(Str.AvgHours)} {Str.MetOf(lang, Count(r => r.HoursMet), rows.Count)}</span>
            </div>
            """);
    }

    /// <summary>The GET form of year, month, level and parent (no script needed; site.js submits on change).</summary>
    private static Raw Filters(PageRequest req, Model model)
    {
        var w = new HtmlWriter();
        var period = model.Period;
        w.Add($"""<form class="filters" method="get" action="/ranking" data-autosubmit>""");
        w.Add($"""<label>{req.T(Str.Year)} <select name="year">""");
        foreach (var y in model.Years.Contains(period.Year) ? model.Years : [period.Year, .. model.Years])
            w.Add($"""<option value="{y}"{Selected(y == period.Year)}>{y}</option>""");
        w.Add($"""</select></label><label>{req.T(Str.Through)} <select name="through">""");
        for (var m = 1; m <= 12; m++)
        {
            var value = $"{period.Year:D4}-{m:D2}";
            w.Add($"""<option value="{value}"{Selected(m == period.Month)}>{req.Format.Month(period.Year, m)}</option>""");
        }
        w.Add($"""</select></label><label>{req.T(Str.Level)} <select name="level">""");
        var present = model.Regions.All.Select(r => RegionIndex.Level(r.Code)).ToHashSet();
        foreach (var level in IndicatorService.Levels.Where(l => present.Contains(l) || l == model.Level))
            w.Add($"""<option value="{level}"{Selected(level == model.Level)}>{req.T(Str.LevelName(level))}</option>""");
        w.Add($"""</select></label><label>{req.T(Str.Parent)} <select name="parent"><option value="">{req.T(Str.All)}</option>""");
        var levelIndex = Array.IndexOf(IndicatorService.Levels, model.Level);
        var parents = model.Regions.All
            .Where(r => Array.IndexOf(IndicatorService.Levels, RegionIndex.Level(r.Code)) == levelIndex - 1 || r.Code == model.Parent)
            .Where(r => req.Access.Allows(model.Regions, r.Code));
        foreach (var p in parents)
            w.Add($"""<option value="{p.Code}"{Selected(p.Code == model.Parent)}>{p.Name}</option>""");
        w.Add($"""</select></label>""");
        if (req.Query("sort") is { } sort) w.Add($"""<input type="hidden" name="sort" value="{sort}"><input type="hidden" name="dir" value="{req.Query("dir") ?? "asc"}">""");
        w.Add($"""<button type="submit">{req.T(Str.Query)}</button></form>""");
        return w.ToRaw();
    }

    private static Raw Downloads(PageRequest req, Model model)
    {
        var csv = Layout.Url("/api/indicators", ("year", model.Period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("through", model.Period.Through), ("level", model.Level), ("parent", model.Parent), ("format", "csv"));
        return HtmlWriter.Fragment($"""<div class="downloads"><span>{req.T(Str.Downloads)}:</span> <a href="{csv}" download>CSV</a></div>""");
    }

    private static Raw Selected(bool selected) => selected ? new Raw(" selected") : Raw.Empty;
}
