using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Dashboard.Pages.Stars;
using VolunteerStats.Metrics.Demographics;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Stars;

namespace VolunteerStats.Dashboard.Pages.Screen;

/// <summary>
/// <c>/screen?interval=20&amp;refresh=60&amp;region=</c>: the meeting-room big screen, a 1920×1080 dark stage scaled to
/// the display, rotating ranking, trends and stars every <c>interval</c> seconds (default 20, at least 5), and
/// fetching <c>/screen/data</c> every <c>refresh</c> seconds (default and minimum 60) without reloading.
/// </summary>
public static class ScreenPage
{
    public const int DefaultInterval = 20, MinInterval = 5, DefaultRefresh = 60, MinRefresh = 60;

    public static IResult Get(HttpContext http)
    {
        var req = new PageRequest(http);
        var interval = Math.Max(MinInterval, req.QueryInt("interval") ?? DefaultInterval);
        var refresh = Math.Max(MinRefresh, req.QueryInt("refresh") ?? DefaultRefresh);
        var dataUrl = Layout.Url("/screen/data", ("region", req.Query("region")), ("year", req.Query("year")), ("through", req.Query("through")),
            ("lang", req.Lang == Lang.En ? "en" : null));
        var w = new HtmlWriter();
        w.Add($"""
            <!DOCTYPE html>
            <html lang="{(req.Lang == Lang.Zh ? "zh-CN" : "en")}">
            <head>
            <meta charset="utf-8">
            <meta name="renderer" content="webkit">
            <meta http-equiv="X-UA-Compatible" content="IE=edge">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{req.T(Str.ScreenTitle)}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/css/screen.css?v={Layout.AssetVersion}">
            </head>
            <body class="screen">
            <div id="stage" class="stage" data-url="{dataUrl}" data-interval="{interval}" data-refresh="{refresh}" data-offline="{req.T(Str.ScreenOffline)}">
              <header class="s-head">
                <div class="s-title"><span class="s-mark">志</span><span id="s-region"></span>{req.T(Str.ScreenTitle)}</div>
                <div class="s-period" id="s-period"></div>
                <div class="s-clock" id="s-clock"></div>
              </header>
              <section class="s-kpis" id="s-kpis"></section>
              <section class="s-views">
                <div class="s-view" data-view="ranking"><h2 id="s-ranking-title"></h2><table class="s-table" id="s-ranking"><thead></thead><tbody></tbody></table></div>
                <div class="s-view" data-view="trends"><h2 id="s-trend-title"></h2><div class="s-charts"><div class="s-chart" data-chart-index="0"></div><div class="s-chart" data-chart-index="1"></div><div class="s-chart" data-chart-index="2"></div></div></div>
                <div class="s-view" data-view="who"><h2 id="s-who-title"></h2><div class="s-who"><div class="s-who-chart" data-who-index="0"></div><div class="s-who-chart" data-who-index="1"></div><div class="s-who-chart" data-who-index="2"></div><div class="s-who-chart" data-who-index="3"></div></div></div>
                <div class="s-view" data-view="stars"><h2 id="s-stars-title"></h2><div class="s-stars"><div class="s-star-totals" id="s-star-totals"></div><table class="s-table" id="s-stars"><thead></thead><tbody></tbody></table></div></div>
              </section>
              <footer class="s-foot"><span id="s-asof"></span><span class="s-dots" id="s-dots"></span><span class="s-status" id="s-status"></span></footer>
            </div>
            <script src="/lib/echarts/echarts.min.js?v=6.1.0"></script>
            <script src="/js/screen.js?v={Layout.AssetVersion}"></script>
            </body>
            </html>
            """);
        return Results.Content(w.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>Everything the screen shows, formatted here; the script only places it.</summary>
    public static async Task<IResult> GetData(HttpContext http, PageData data, StarService stars, DemographicsService demographics, TimeProvider clock)
    {
        var req = new PageRequest(http);
        var year = req.QueryInt("year");
        var asked = req.Query("region");
        var result = await data.ReadCachedAsync<object?>(req, c =>
        {
            var regions = c.Regions();
            var period = c.Resolve(clock, year, req.QueryMonth("through", year));
            var region = asked ?? req.Access.RegionLimit ?? regions.Top();
            if (region is null || !regions.Contains(region) || !req.Access.Allows(regions, region)) return null;
            var f = req.Format;
            var freshness = c.Freshness();
            var row = c.Row(regions, region, period);
            var before = period.Previous is { } prev ? c.Row(regions, region, prev) : null;
            var childLevel = regions.ChildLevel(region);
            var children = childLevel is null ? [] : c.Compute(period, childLevel, region);
            var trend = c.Trend(regions, region, period);
            var board = c.Cached($"stars|{region}|{period}|10", conn => StarsPage.Read(conn, stars, regions, region, period, top: 10));
            var who = c.Cached($"demographics|{period.Year}|{period.Month}", conn => demographics.Table(conn, period.Year, period.Month)).For(region, 6);
            string Mark(bool? met) => met switch { true => "✓", false => "✗", _ => "—" };
            var lang = req.Lang;
            return new
            {
                region = regions.Name(region),
                period = f.Month(period.Year, period.Month),
                asOf = $"{req.T(Str.DataAsOf)} {(freshness.LatestServiceDate is { } d ? f.Date(d) : "—")} · {req.T(Str.LastFileLoaded)} {(freshness.LastLoadedAt is { } at ? f.DateTime(at) : "—")}",
                changeLabel = req.T(Str.SinceLastMonth),
                kpis = row is null ? [] : new[]
                {
                    Kpi(req.T(Str.RegistrationRate), f.Percent(row.RegistrationRate, IndicatorMath.RegistrationTarget, row.RegistrationMet), Str.TargetIs(lang, "13 %"), row.RegistrationMet,
                        row.VolunteersNeeded is > 0 ? Str.VolunteersNeeded(lang, f.Count(row.VolunteersNeeded.Value)) : null,
                        before is null ? null : f.PointsChange(row.RegistrationRate, before.RegistrationRate), $"{req.T(Str.Registered)} {f.People(row.Registered)}"),
                    Kpi(req.T(Str.ActiveRate), f.Percent(row.ActiveRate, IndicatorMath.ActiveTarget, row.ActiveMet), Str.TargetIs(lang, "70 %"), row.ActiveMet,
                        row.ActiveNeeded > 0 ? Str.ActiveNeeded(lang, f.Count(row.ActiveNeeded)) : null,
                        before is null ? null : f.PointsChange(row.ActiveRate, before.ActiveRate), $"{req.T(Str.Active)} {f.People(row.Active)}"),
                    Kpi(req.T(Str.AvgHours), row.AvgHours is null ? "—" : f.AvgHours(row.AvgHours, row.HoursTarget, row.HoursMet), Str.TargetIs(lang, f.HoursTarget(row.HoursTarget) + " " + req.T(Str.HoursUnit)), row.HoursMet,
                        row.HoursNeeded.Num.Sign > 0 ? Str.HoursNeeded(lang, f.HoursUp(row.HoursNeeded)) : null,
                        before is null ? null : f.Change(row.AvgHours, before.AvgHours), $"{req.T(Str.TotalHours)} {f.Count(row.TotalHours)} {req.T(Str.HoursUnit)}"),
                },
                ranking = new
                {
                    title = childLevel is null ? "" : Str.RankingHeading(lang, regions.Name(region), req.T(Str.LevelName(childLevel)), f.Month(period.Year, period.Month)),
                    columns = new[] { req.T(Str.Rank), req.T(Str.Name), req.T(Str.RegistrationRate), req.T(Str.ActiveRate), req.T(Str.AvgHoursShort), req.T(Str.Score), lang == Lang.Zh ? "差距" : "Gap" },
                    rows = children.OrderBy(r => r.Rank).Select(r => new
                    {
                        code = r.RegionCode,
                        cells = new[]
                        {
                            r.Rank.ToString(CultureInfo.InvariantCulture), r.RegionName,
                            f.Percent(r.RegistrationRate, IndicatorMath.RegistrationTarget, r.RegistrationMet) + " " + Mark(r.RegistrationMet),
                            f.Percent(r.ActiveRate, IndicatorMath.ActiveTarget, r.ActiveMet) + " " + Mark(r.ActiveMet),
                            f.AvgHours(r.AvgHours, r.HoursTarget, r.HoursMet) + " " + Mark(r.HoursMet),
                            f.Score(r.Score),
                            Gap(req, r),
                        },
                        met = new[] { r.RegistrationMet, r.ActiveMet, r.HoursMet },
                    }).ToArray(),
                },
                trendTitle = $"{regions.Name(region)} · {req.T(Str.Trend)}",
                who = Who(req, who),
                trend = Shared.Kpi.TrendData(req, trend, period.Year),
                stars = new
                {
                    title = $"{regions.Name(region)} · {req.T(Str.StarsTitle)}",
                    totals = Enumerable.Range(1, 5).Reverse().Select(s => new { stars = new string('★', s), people = f.People(board.StarTotals[s - 1]) }).ToArray(),
                    columns = new[] { "#", req.T(Str.Name), req.T(Str.Organization), req.T(Str.HoursThisYear), req.T(Str.Stars) },
                    rows = board.Volunteers.Select((v, i) => new[]
                    {
                        (i + 1).ToString(CultureInfo.InvariantCulture), v.Volunteer.MaskedName ?? "—", v.Volunteer.Organization ?? "—",
                        f.Hours(v.Volunteer.ThisYear), new string('★', v.Volunteer.Stars),
                    }).ToArray(),
                },
            };
        });
        if (result is null) return Results.Json(new { error = req.T(Str.Forbidden) }, statusCode: StatusCodes.Status403Forbidden);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(result);
    }

    /// <summary>Who the volunteers are, four panels for the screen: age, gender, political status, service category.</summary>
    private static object Who(PageRequest req, DemographicsResult result)
    {
        var f = req.Format;
        var en = req.Lang == Lang.En;
        string Share(long part, long whole) => whole == 0 ? "—" : f.Percent(new Fraction(part, whole));
        return new
        {
            title = $"{result.RegionName} · {req.T(Str.WhoTheVolunteersAre)} · {req.T(Str.Registered)} {f.People(result.Registered)} · {req.T(Str.Active)} {f.People(result.Active)}",
            registeredName = req.T(Str.Registered),
            activeName = req.T(Str.Active),
            charts = new[] { DemographicsService.Age, DemographicsService.Gender, DemographicsService.Political, DemographicsService.Category }.Select(d =>
            {
                var panel = result.Panel(d);
                var drawn = panel.Slices.Where(s => s.Value != DemographicsService.NoService).ToList();
                return new
                {
                    name = DemographicLabels.Dimension(d, en),
                    kind = d is DemographicsService.Gender or DemographicsService.Political ? "ring" : d == DemographicsService.Age ? "columns" : "bars",
                    names = drawn.Select(s => DemographicLabels.Value(d, s.Value, en)).ToArray(),
                    registered = drawn.Select(s => s.Registered).ToArray(),
                    active = drawn.Select(s => s.Active).ToArray(),
                    registeredLabels = drawn.Select(s => f.Count(s.Registered)).ToArray(),
                    activeLabels = drawn.Select(s => f.Count(s.Active)).ToArray(),
                    shares = drawn.Select(s => Share(s.Registered, panel.Registered)).ToArray(),
                    missing = drawn.Select(s => s.Value is null).ToArray(),
                    activeOnly = d == DemographicsService.Category,
                };
            }).ToArray(),
        };
    }

    private static object Kpi(string name, string value, string target, bool? met, string? gap, string? change, string detail) =>
        new { name, value, target, met, gap, change, detail };

    private static string Gap(PageRequest req, IndicatorRow r)
    {
        var f = req.Format;
        var gaps = new List<string>();
        if (r.VolunteersNeeded is > 0) gaps.Add(req.Lang == Lang.Zh ? $"注册 {f.Count(r.VolunteersNeeded.Value)} 人" : $"{f.Count(r.VolunteersNeeded.Value)} reg.");
        if (r.ActiveNeeded > 0) gaps.Add(req.Lang == Lang.Zh ? $"活跃 {f.Count(r.ActiveNeeded)} 人" : $"{f.Count(r.ActiveNeeded)} active");
        if (r.HoursNeeded.Num.Sign > 0) gaps.Add(req.Lang == Lang.Zh ? $"时长 {f.HoursUp(r.HoursNeeded)} 小时" : $"{f.HoursUp(r.HoursNeeded)} h");
        return gaps.Count == 0 ? req.T(Str.AllThreeMet) : (req.Lang == Lang.Zh ? "还差 " : "short: ") + string.Join(req.Lang == Lang.Zh ? "、" : ", ", gaps);
    }
}
