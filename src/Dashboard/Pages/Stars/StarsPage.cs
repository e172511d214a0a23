using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Stars;

namespace VolunteerStats.Dashboard.Pages.Stars;

/// <summary>
/// <c>/stars?year=&amp;through=&amp;region=</c>: star volunteers (《志愿服务记录办法》) per sub-region and the
/// leaderboards of volunteers (masked names) and organizations by this year's hours, from <see cref="StarService"/>.
/// </summary>
public static class StarsPage
{
    public const int Top = 20;

    public sealed record Board(Period Period, string Region, string RegionName, string? ChildLevel,
        List<(string Code, string Name, int[] Stars)> ByRegion, List<(VolunteerHours Volunteer, string RegionName)> Volunteers,
        List<(string Name, Fraction Hours, int People)> Organizations, int[] StarTotals);

    private sealed record Model(Period Period, List<int> Years, RegionIndex Regions, Board? Board, Freshness Freshness);

    /// <summary>The leaderboards of a region at the period's month end (also the big screen's stars view).</summary>
    public static Board Read(DuckDBConnection c, StarService stars, RegionIndex regions, string region, Period period, int top = Top)
    {
        var asOf = new DateOnly(period.Year, period.Month, DateTime.DaysInMonth(period.Year, period.Month));
        var volunteers = stars.Volunteers(c, asOf, region);
        var childLevel = regions.ChildLevel(region);
        var children = regions.Children(region);
        var byRegion = children.Select(code => (code, regions.Name(code), new int[5])).ToList();
        var index = byRegion.Select((r, i) => (r.code, i)).ToDictionary(x => x.code, x => x.i);
        var totals = new int[5];
        foreach (var v in volunteers.Where(v => v.Stars > 0))
        {
            totals[v.Stars - 1]++;
            var child = children.FirstOrDefault(ch => regions.IsUnder(v.HomeRegion, ch));
            if (child is not null) byRegion[index[child]].Item3[v.Stars - 1]++;
        }
        var leaders = volunteers.Where(v => v.ThisYear.Num.Sign > 0)
            .OrderByDescending(v => v.ThisYear).ThenByDescending(v => v.Cumulative).ThenBy(v => v.HomeRegion, StringComparer.Ordinal)
            .Take(top).Select(v => (v, regions.Name(v.HomeRegion))).ToList();
        var organizations = volunteers.Where(v => v.ThisYear.Num.Sign > 0).GroupBy(v => v.Organization ?? "")
            .Select(g => (Name: g.Key, Hours: g.Aggregate(Fraction.Zero, (a, v) => a + v.ThisYear), People: g.Count()))
            .OrderByDescending(o => o.Hours).ThenBy(o => o.Name, StringComparer.Ordinal).Take(top).ToList();
        return new Board(period, region, regions.Name(region), childLevel, byRegion, leaders, organizations, totals);
    }

    public static async Task<IResult> Get(HttpContext http, PageData data, StarService stars, TimeProvider clock)
    {
        var req = new PageRequest(http);
        var year = req.QueryInt("year");
        var asked = req.Query("region");
        var model = await data.ReadCachedAsync(req, c =>
        {
            var regions = c.Regions();
            var period = c.Resolve(clock, year, req.QueryMonth("through", year));
            var region = asked ?? req.Access.RegionLimit ?? regions.Top();
            Board? board = region is not null && regions.Contains(region) && req.Access.Allows(regions, region)
                ? c.Cached($"stars|{region}|{period}|{Top}", conn => Read(conn, stars, regions, region, period)) : null;
            return new Model(period, c.Years(clock), regions, board, c.Freshness());
        });

        // The HTML too is kept per data version, user and URL: the same model renders the same page.
        return data.Rendered(req, () =>
        {
            if (asked is not null && !model.Regions.Contains(asked))
                return Layout.Message(req, req.T(Str.NotFound), $"{asked}: {req.T(Str.NotFound)}", model.Freshness, StatusCodes.Status404NotFound);
            if (asked is not null && !req.Access.Allows(model.Regions, asked))
                return Layout.Message(req, req.T(Str.Forbidden), req.T(Str.Forbidden), model.Freshness, StatusCodes.Status403Forbidden);

            var f = req.Format;
            var w = new HtmlWriter();
            if (model.Board is not { } b)
            {
                w.Add($"""<section class="card empty"><h1>{req.T(Str.StarsTitle)}</h1><p>{req.T(Str.NoData)}</p></section>""");
                return Layout.Page(req, req.T(Str.StarsTitle), "stars", w.ToRaw(), model.Freshness);
            }
            var period = model.Period;
            w.Add($"""<div class="page-head"><h1>{b.RegionName}{req.T(Str.StarsTitle)} <small>{f.Month(period.Year, period.Month)}</small></h1>""");
            w.Add($"""<form class="filters" method="get" action="/stars" data-autosubmit><input type="hidden" name="region" value="{b.Region}"><label>{req.T(Str.Year)} <select name="year">""");
            foreach (var y in model.Years.Contains(period.Year) ? model.Years : [period.Year, .. model.Years])
                w.Add($"""<option value="{y}"{(y == period.Year ? new Raw(" selected") : Raw.Empty)}>{y}</option>""");
            w.Add($"""</select></label><label>{req.T(Str.Through)} <select name="through">""");
            for (var m = 1; m <= 12; m++)
                w.Add($"""<option value="{period.Year:D4}-{m:D2}"{(m == period.Month ? new Raw(" selected") : Raw.Empty)}>{f.Month(period.Year, m)}</option>""");
            w.Add($"""</select></label><button type="submit">{req.T(Str.Query)}</button></form></div>""");

            w.Add($"""<div class="kpis stars-kpis">""");
            for (var s = 5; s >= 1; s--)
                w.Add($"""<section class="kpi"><h3><span class="stars-mark">{new string('★', s)}</span></h3><div class="kpi-value">{f.People(b.StarTotals[s - 1])}</div></section>""");
            w.Add($"""</div><p class="hint">{req.T(Str.StarsRule)}</p>""");

            var suffix = Layout.Url("", ("year", period.Year.ToString(CultureInfo.InvariantCulture)), ("through", period.Through));
            w.Add($"""<div class="grid-2"><section class="card"><h2>{req.T(Str.TopVolunteers)} <small>Top {Top}</small></h2>""");
            w.Add($"""<table class="data"><thead><tr><th class="num">#</th><th>{req.T(Str.Name)}</th><th>{req.T(Str.Organization)}</th><th>{req.T(Str.NavRegions)}</th><th class="num">{req.T(Str.HoursThisYear)}</th><th class="num">{req.T(Str.HoursCumulative)}</th><th>{req.T(Str.Stars)}</th></tr></thead><tbody>""");
            var i = 0;
            foreach (var (v, regionName) in b.Volunteers)
                w.Add($"""<tr><td class="num">{++i}</td><td>{v.MaskedName ?? "—"}</td><td>{v.Organization ?? "—"}</td><td>{regionName}</td><td class="num">{f.Hours(v.ThisYear)}</td><td class="num">{f.Hours(v.Cumulative)}</td><td class="stars-mark">{new string('★', v.Stars)}</td></tr>""");
            w.Add($"""</tbody></table></section>""");

            w.Add($"""<section class="card"><h2>{req.T(Str.TopOrganizations)} <small>Top {Top}</small></h2>""");
            w.Add($"""<table class="data"><thead><tr><th class="num">#</th><th>{req.T(Str.Organization)}</th><th class="num">{req.T(Str.HoursThisYear)}</th><th class="num">{req.T(Str.Volunteers)}</th></tr></thead><tbody>""");
            i = 0;
            foreach (var o in b.Organizations)
                w.Add($"""<tr><td class="num">{++i}</td><td>{(o.Name.Length == 0 ? req.T(Str.NotGiven) : o.Name)}</td><td class="num">{f.Hours(o.Hours)}</td><td class="num">{f.Count(o.People)}</td></tr>""");
            w.Add($"""</tbody></table></section></div>""");

            if (b.ByRegion.Count > 0)
            {
                w.Add($"""<section class="card"><h2>{req.T(Str.StarsByRegion)}</h2><table class="data"><thead><tr><th>{req.T(Str.Name)}</th>""");
                for (var s = 1; s <= 5; s++) w.Add($"""<th class="num"><span class="stars-mark">{new string('★', s)}</span></th>""");
                w.Add($"""</tr></thead><tbody>""");
                foreach (var (code, name, counts) in b.ByRegion)
                {
                    w.Add($"""<tr data-region="{code}"><td><a href="/stars{Layout.Url("", ("region", code), ("year", period.Year.ToString(CultureInfo.InvariantCulture)), ("through", period.Through))}">{name}</a></td>""");
                    foreach (var n in counts) w.Add($"""<td class="num">{f.Count(n)}</td>""");
                    w.Add($"""</tr>""");
                }
                w.Add($"""</tbody></table></section>""");
            }
            w.Add(DownloadBar.Render(req, "stars", period, region: b.Region));
            return Layout.Page(req, req.T(Str.StarsTitle), "stars", w.ToRaw(), model.Freshness);
        });
    }
}
