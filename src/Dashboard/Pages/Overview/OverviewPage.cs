using System.Globalization;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Pages.Shared;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Overview;

/// <summary>
/// <c>/?year=&amp;through=</c>: the top region (the user's region when limited) — its three indicators against
/// their targets this month, the change since last month, the sub-regions furthest behind — and 数据截至.
/// </summary>
public static class OverviewPage
{
    private sealed record Model(Period Period, RegionIndex Regions, string? Top, IndicatorRow? Row, IndicatorRow? Before,
        List<(int Month, IndicatorRow Row)> Trend, string? ChildLevel, List<IndicatorRow> Children, Freshness Freshness,
        ForecastCard.State? Forecast = null);

    public static async Task<IResult> Get(HttpContext http, PageData data, ForecastService forecasts, ForecastModelStore models, TimeProvider clock)
    {
        var req = new PageRequest(http);
        var year = req.QueryInt("year");
        var model = await data.ReadCachedAsync(req, c =>
        {
            var regions = c.Regions();
            var period = c.Resolve(clock, year, req.QueryMonth("through", year));
            var top = req.Access.RegionLimit ?? regions.Top();
            var freshness = c.Freshness();
            if (top is null || !regions.Contains(top)) return new Model(period, regions, top, null, null, [], null, [], freshness);
            var row = c.Row(regions, top, period);
            var before = period.Previous is { } prev ? c.Row(regions, top, prev) : null;
            var trend = c.Trend(regions, top, period);
            var childLevel = regions.ChildLevel(top);
            var children = childLevel is null ? [] : c.Compute(period, childLevel, top);
            // December is the year's end: nothing left to forecast. The key follows the stored models, which the
            // nightly job replaces without a new file being loaded.
            var modelsAt = Directory.Exists(models.Root) ? Directory.GetLastWriteTimeUtc(models.Root).Ticks : 0;
            var forecast = period.Month < 12 && row is not null
                ? c.Cached($"forecast|{period.Year}|{period.Month}|{top}|{modelsAt}", conn => ForecastCard.Read(conn, forecasts, regions, top, period))
                : null;
            return new Model(period, regions, top, row, before, trend, childLevel, children, freshness, forecast);
        });

        var f = req.Format;
        var period = model.Period;
        var w = new HtmlWriter();
        if (model.Row is not { } row || model.Top is not { } top)
        {
            w.Add($"""<section class="card empty"><h1>{req.T(Str.OverviewTitle)}</h1><p>{req.T(Str.NoData)}</p></section>""");
            return Layout.Page(req, req.T(Str.OverviewTitle), "overview", w.ToRaw(), model.Freshness);
        }
        var suffix = Layout.Url("", ("year", period.Year.ToString(CultureInfo.InvariantCulture)), ("through", period.Through));
        w.Add($"""
            <div class="page-head">
              <h1>{model.Regions.Name(top)} <small>{f.Month(period.Year, period.Month)} · {req.T(Str.ThisMonth)}</small></h1>
              <a class="button" href="/regions/{top}{suffix}">{req.T(Str.NavRegions)} ›</a>
            </div>
            <p class="asof-lead">{Layout.FreshnessLine(req, model.Freshness)}</p>
            """);
        w.Add(Kpi.Cards(req, row, model.Before));
        if (model.Forecast is { } forecast)
            w.Add(ForecastCard.Render(req, ForecastCard.WithSchedule(forecast, http.RequestServices.GetService<Hangfire.JobStorage>()), row, period));
        w.Add($"""<section class="card"><h2>{req.T(Str.Trend)}</h2>""");
        w.Add(Kpi.TrendCharts(req, model.Trend, period.Year));
        w.Add($"""</section>""");
        if (model.ChildLevel is not null && model.Children.Count > 0) w.Add(Behind(req, model, suffix));
        w.Add(DownloadBar.Render(req, "overview", period, model.ChildLevel, top));
        return Layout.Page(req, req.T(Str.OverviewTitle), "overview", w.ToRaw(), model.Freshness, charts: true);
    }

    /// <summary>The sub-regions ranked, the last ones first in the leader's eye: rank, name, what is missing.</summary>
    private static Raw Behind(PageRequest req, Model model, string suffix)
    {
        var f = req.Format;
        var w = new HtmlWriter();
        var all = model.Children.Count;
        var met = model.Children.Count(r => r.RegistrationMet == true && r.ActiveMet == true && r.HoursMet == true);
        var rankingUrl = Layout.Url("/ranking", ("year", model.Period.Year.ToString(CultureInfo.InvariantCulture)), ("through", model.Period.Through),
            ("level", model.ChildLevel), ("parent", model.Top));
        w.Add($"""
            <section class="card"><h2>{req.T(Str.LevelName(model.ChildLevel!))} · {req.T(Str.AllThreeMet)} {Str.MetOf(req.Lang, met, all)}</h2>
            <ol class="behind">
            """);
        foreach (var r in model.Children.OrderBy(r => r.Rank))
        {
            var gaps = new List<string>();
            if (r.VolunteersNeeded is > 0) gaps.Add(Str.VolunteersNeeded(req.Lang, f.Count(r.VolunteersNeeded.Value)));
            if (r.ActiveNeeded > 0) gaps.Add(Str.ActiveNeeded(req.Lang, f.Count(r.ActiveNeeded)));
            if (r.HoursNeeded.Num.Sign > 0) gaps.Add(Str.HoursNeeded(req.Lang, f.HoursUp(r.HoursNeeded)));
            var marks = HtmlWriter.Fragment($"{IndicatorTable.Mark(req, r.RegistrationMet).Item1}{IndicatorTable.Mark(req, r.ActiveMet).Item1}{IndicatorTable.Mark(req, r.HoursMet).Item1}");
            w.Add($"""
                <li data-region="{r.RegionCode}"><span class="rank">{r.Rank}</span><a href="/regions/{r.RegionCode}{suffix}">{r.RegionName}</a>
                <span class="marks">{marks}</span><span class="score">{f.Score(r.Score)}</span>
                <span class="gaps">{(gaps.Count == 0 ? req.T(Str.AllThreeMet) : string.Join(req.Lang == Lang.Zh ? "，" : "; ", gaps))}</span></li>
                """);
        }
        w.Add($"""</ol><p><a href="{rankingUrl}">{req.T(Str.SeeRanking)} ›</a></p></section>""");
        return w.ToRaw();
    }
}
