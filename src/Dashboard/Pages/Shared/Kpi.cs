using System.Globalization;
using System.Text.Json;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>The three indicator cards of a region (value, target, met, gap in words, change since last month) and its trend charts.</summary>
public static class Kpi
{
    public static Raw Cards(PageRequest req, IndicatorRow now, IndicatorRow? before)
    {
        var f = req.Format;
        var lang = req.Lang;
        var w = new HtmlWriter();
        w.Add($"""<div class="kpis">""");
        Card(w, req, "registration_rate", Str.RegistrationRate, f.Percent(now.RegistrationRate, IndicatorMath.RegistrationTarget, now.RegistrationMet),
            Str.TargetIs(lang, "13 %"), now.RegistrationMet,
            now.VolunteersNeeded is > 0 ? Str.VolunteersNeeded(lang, f.Count(now.VolunteersNeeded.Value)) : null,
            before is null ? null : f.PointsChange(now.RegistrationRate, before.RegistrationRate),
            $"{req.T(Str.Registered)} {f.People(now.Registered)} · {req.T(Str.Population)} {(now.Population is { } p ? f.People(p) : "—")}");
        Card(w, req, "active_rate", Str.ActiveRate, f.Percent(now.ActiveRate, IndicatorMath.ActiveTarget, now.ActiveMet),
            Str.TargetIs(lang, "70 %"), now.ActiveMet,
            now.ActiveNeeded > 0 ? Str.ActiveNeeded(lang, f.Count(now.ActiveNeeded)) : null,
            before is null ? null : f.PointsChange(now.ActiveRate, before.ActiveRate),
            $"{req.T(Str.Active)} {f.People(now.Active)}");
        Card(w, req, "avg_hours", Str.AvgHours, now.AvgHours is null ? "—" : f.AvgHours(now.AvgHours, now.HoursTarget, now.HoursMet) + " " + req.T(Str.HoursUnit),
            Str.TargetIs(lang, f.HoursTarget(now.HoursTarget) + " " + req.T(Str.HoursUnit)), now.HoursMet,
            now.HoursNeeded.Num.Sign > 0 ? Str.HoursNeeded(lang, f.HoursUp(now.HoursNeeded)) : null,
            before is null ? null : f.Change(now.AvgHours, before.AvgHours) + " " + req.T(Str.HoursUnit),
            $"{req.T(Str.TotalHours)} {f.Count(now.TotalHours)} {req.T(Str.HoursUnit)}");
        w.Add($"""</div>""");
        return w.ToRaw();
    }

    private static void Card(HtmlWriter w, PageRequest req, string field, L title, string value, string target, bool? met, string? gap, string? change, string detail)
    {
        var (mark, _) = IndicatorTable.Mark(req, met);
        var state = met switch { true => "met", false => "not-met", null => "unknown" };
        w.Add($"""
            <section class="kpi {state}" data-indicator="{field}">
              <h3>{req.T(title)}</h3>
              <div class="kpi-value">{value} {mark}</div>
              <div class="kpi-target">{target}{(met is { } m ? HtmlWriter.Fragment($" · {req.T(m ? Str.Met : Str.NotMet)}") : Raw.Empty)}</div>
            """);
        if (gap is not null) w.Add($"""<div class="kpi-gap">{gap}</div>""");
        if (change is not null) w.Add($"""<div class="kpi-change">{req.T(Str.SinceLastMonth)} <b>{change}</b></div>""");
        w.Add($"""<div class="kpi-detail">{detail}</div></section>""");
    }

    /// <summary>
    /// Three trend charts (registration rate, active rate, average hours against their targets) drawn by site.js
    /// with ECharts from numbers and labels formatted here.
    /// </summary>
    public static Raw TrendCharts(PageRequest req, IReadOnlyList<(int Month, IndicatorRow Row)> trend, int year, string id = "trend")
    {
        var json = JsonSerializer.Serialize(TrendData(req, trend, year)).Replace("</", "<\\/", StringComparison.Ordinal);
        var w = new HtmlWriter();
        w.Add($"""<div class="charts" data-trend="{id}">""");
        L[] names = [Str.RegistrationRate, Str.ActiveRate, Str.AvgHours];
        for (var i = 0; i < 3; i++) w.Add($"""<div class="chart" data-chart-index="{i.ToString(CultureInfo.InvariantCulture)}" role="img" aria-label="{req.T(names[i])}"></div>""");
        w.Add($"""</div><script type="application/json" id="{id}">{new Raw(json)}</script>""");
        return w.ToRaw();
    }

    /// <summary>The numbers and labels of the three trend charts (site.js draws them; the big screen fetches them).</summary>
    public static object TrendData(PageRequest req, IReadOnlyList<(int Month, IndicatorRow Row)> trend, int year)
    {
        var f = req.Format;
        var months = trend.Select(t => req.Lang == Lang.Zh ? $"{t.Month}月" : f.Month(year, t.Month)[..3]).ToArray();
        object Series(L name, Func<IndicatorRow, Fraction?> value, Func<IndicatorRow, string> label, Func<int, Fraction> target, Func<Fraction, string> targetLabel, double scale) => new
        {
            name = req.T(name),
            values = trend.Select(t => value(t.Row) is { } v ? Math.Round(v.ToDouble() * scale, 3) : (double?)null).ToArray(),
            labels = trend.Select(t => label(t.Row)).ToArray(),
            target = trend.Select(t => Math.Round(target(t.Month).ToDouble() * scale, 3)).ToArray(),
            targetLabels = trend.Select(t => targetLabel(target(t.Month))).ToArray(),
            met = trend.Select(t => name == Str.RegistrationRate ? t.Row.RegistrationMet : name == Str.ActiveRate ? t.Row.ActiveMet : t.Row.HoursMet).ToArray(),
            unit = scale == 100 ? "%" : req.T(Str.HoursUnit),
        };
        var data = new
        {
            months,
            targetName = req.T(Str.Target),
            metName = req.T(Str.Met),
            notMetName = req.T(Str.NotMet),
            charts = new[]
            {
                Series(Str.RegistrationRate, r => r.RegistrationRate, r => f.Percent(r.RegistrationRate, IndicatorMath.RegistrationTarget, r.RegistrationMet), _ => IndicatorMath.RegistrationTarget, t => f.Percent(t), 100),
                Series(Str.ActiveRate, r => r.ActiveRate, r => f.Percent(r.ActiveRate, IndicatorMath.ActiveTarget, r.ActiveMet), _ => IndicatorMath.ActiveTarget, t => f.Percent(t), 100),
                Series(Str.AvgHours, r => r.AvgHours, r => f.AvgHours(r.AvgHours, r.HoursTarget, r.HoursMet) + " " + req.T(Str.HoursUnit), IndicatorMath.HoursTarget, t => f.HoursTarget(t) + " " + req.T(Str.HoursUnit), 1),
            },
        };
        return data;
    }
}
