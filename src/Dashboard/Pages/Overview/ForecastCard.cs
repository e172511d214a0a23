using Hangfire;
using Hangfire.Storage;
using VolunteerStats.Dashboard.Jobs;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Overview;

/// <summary>
/// The year-end forecast on the overview: read from the models the nightly job trained and stored for the current data
/// (<see cref="ForecastService.ForecastStored"/>; a page request never trains). Without one it says 预测尚未生成 and when
/// the job will make it.
/// </summary>
public static class ForecastCard
{
    /// <summary>The region's forecast row and when its models were trained; or, with no stored model, when the job runs next.</summary>
    public sealed record State(ForecastRow? Row, DateTimeOffset? TrainedAt, DateTime? NextRunUtc, bool Running);

    public static State Read(DuckDB.NET.Data.DuckDBConnection connection, ForecastService forecasts, RegionIndex regions, string top, Period period)
    {
        var stored = forecasts.ForecastStored(connection, new ForecastQuery(period.Year, period.Month, RegionIndex.Level(top), regions.Parent(top)));
        return stored is { } s && s.Rows.FirstOrDefault(r => r.RegionCode == top) is { } row
            ? new State(row, s.TrainedAt, null, false)
            : new State(null, null, null, false);
    }

    /// <summary>When the model job runs next (the nightly run, or the run scheduled after start) and whether it runs now, from Hangfire's storage.</summary>
    public static State WithSchedule(State state, JobStorage? storage)
    {
        if (state.Row is not null || storage is null) return state;
        try
        {
            DateTime? next;
            using (var connection = storage.GetConnection())
                next = connection.GetRecurringJobs([ModelJobs.RetrainJob]).FirstOrDefault()?.NextExecution;
            var monitoring = storage.GetMonitoringApi();
            var running = monitoring.ProcessingJobs(0, 50).Any(j => j.Value.Job?.Type == typeof(ModelJobs));
            foreach (var scheduled in monitoring.ScheduledJobs(0, 50).Where(j => j.Value.Job?.Type == typeof(ModelJobs)))
                if (next is null || scheduled.Value.EnqueueAt < next) next = scheduled.Value.EnqueueAt;
            return state with { NextRunUtc = next is { } n ? DateTime.SpecifyKind(n, DateTimeKind.Utc) : null, Running = running };
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return state; // no job storage (a page without the job server): the text names the nightly run instead
        }
    }

    public static Raw Render(PageRequest req, State state, IndicatorRow now, Period period)
    {
        var f = req.Format;
        var zh = req.Lang == Lang.Zh;
        var w = new HtmlWriter();
        var title = zh ? $"年末预测（{period.Year}年12月31日）" : $"Year-end forecast (31 Dec {period.Year})";
        if (state.Row is not { } row)
        {
            var when = state.Running ? (zh ? "模型正在训练，稍后刷新本页即可看到。" : "The models are being trained now; reload this page shortly.")
                : state.NextRunUtc is { } next
                    ? (zh ? $"将由夜间任务于 {f.DateTime(next)} 生成（每晚 03:30 及服务启动后按最新数据重新训练）。" : $"The nightly job will make it at {f.DateTime(next)} (it retrains on the latest data every night at 03:30 and after the server starts).")
                    : (zh ? "将由夜间任务在今晚 03:30 按最新数据生成。" : "The nightly job will make it tonight at 03:30 from the latest data.");
            w.Add($"""<section class="card forecast" data-forecast="pending"><h2>{title}</h2><p class="muted"><b>{(zh ? "预测尚未生成" : "No forecast yet")}</b>：{when}</p></section>""");
            return w.ToRaw();
        }
        var months = 12 - period.Month;
        w.Add($"""
            <section class="card forecast" data-forecast="ready"><h2>{title} <small>{(zh ? $"依据截至 {f.Month(period.Year, period.Month)} 的数据 · 模型训练于 {f.DateTime(state.TrainedAt!.Value.UtcDateTime)}" : $"from data through {f.Month(period.Year, period.Month)} · models trained {f.DateTime(state.TrainedAt!.Value.UtcDateTime)}")}</small></h2>
            <div class="table-wrap"><table class="data forecast-table"><thead><tr>
            <th>{(zh ? "指标" : "Indicator")}</th><th class="num">{(zh ? "目前" : "Now")}</th><th class="num">{(zh ? "年末预计" : "Expected")}</th><th class="num">{(zh ? "80% 区间" : "80 % interval")}</th>
            <th class="num">{req.T(Str.Target)}</th><th>{(zh ? "判断" : "Outlook")}</th><th>{(zh ? $"余下 {months} 个月每月还需" : $"Needed a month, {months} left")}</th></tr></thead><tbody>
            """);
        var reg = row.Registered;
        var pop = row.Population;
        // A ratio of two forecasts can pass 100 % (active's upper bound over expected registered); no rate does.
        string Rate(double v) => double.IsFinite(v) ? RateText(Math.Min(v, 1)) : "—";
        // Never overstated: an expected rate short of its target does not read as the target (12.96 % is not "13.0 %").
        string ExpectedRate(double v, double target, bool? met) => met == false && Math.Round(v * 1000, MidpointRounding.AwayFromZero) >= target * 1000
            ? (Math.Truncate(v * 10000) / 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %" : Rate(v);
        string RateText(double v) => double.IsFinite(v) ? (Math.Round(v * 1000, MidpointRounding.AwayFromZero) / 10).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "—";
        string Avg(double v) => double.IsFinite(v) ? (Math.Round(v * 10, MidpointRounding.AwayFromZero) / 10).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";
        string People(double v) => f.Count((long)Math.Round(v, MidpointRounding.AwayFromZero));
        string Outlook(bool? met) => met switch
        {
            true => zh ? "✓ 可能达标" : "✓ likely met",
            false => zh ? "✗ 可能不达标" : "✗ likely missed",
            _ => "—",
        };
        string Needed(double? perMonth, string unit) => perMonth is { } p && p > 0 ? $"{People(Math.Ceiling(p))} {unit}" : months == 0 ? "—" : (zh ? "—（按当前进度可达到）" : "— (on pace)");
        var regRate = pop is > 0 ? reg.Expected / pop.Value : double.NaN;
        w.Add($"""
            <tr data-indicator="registration"><th>{req.T(Str.RegistrationRate)}</th><td class="num">{f.Percent(now.RegistrationRate, IndicatorMath.RegistrationTarget, now.RegistrationMet)}</td>
            <td class="num">{ExpectedRate(regRate, 0.13, row.RegistrationMet)}<br><small>{People(reg.Expected)} {(zh ? "人" : "people")}</small></td>
            <td class="num">{(pop is > 0 ? $"{Rate(reg.Low / pop.Value)} – {Rate(reg.High / pop.Value)}" : "—")}</td><td class="num">13.0 %</td>
            <td class="{(row.RegistrationMet == true ? "met" : "not-met")}">{Outlook(row.RegistrationMet)}</td><td>{Needed(row.VolunteersNeededPerMonth, zh ? "名注册志愿者" : "registrations")}</td></tr>
            """);
        var actRate = reg.Expected > 0 ? row.Active.Expected / reg.Expected : double.NaN;
        w.Add($"""
            <tr data-indicator="active"><th>{req.T(Str.ActiveRate)}</th><td class="num">{f.Percent(now.ActiveRate, IndicatorMath.ActiveTarget, now.ActiveMet)}</td>
            <td class="num">{ExpectedRate(actRate, 0.7, row.ActiveMet)}<br><small>{People(row.Active.Expected)} {(zh ? "人" : "people")}</small></td>
            <td class="num">{(reg.Expected > 0 ? $"{Rate(row.Active.Low / reg.Expected)} – {Rate(row.Active.High / reg.Expected)}" : "—")}</td><td class="num">70.0 %</td>
            <td class="{(row.ActiveMet == true ? "met" : "not-met")}">{Outlook(row.ActiveMet)}</td><td>{Needed(row.ActiveNeededPerMonth, zh ? "名活跃志愿者" : "active volunteers")}</td></tr>
            """);
        var avg = reg.Expected > 0 ? row.TotalHours.Expected / reg.Expected : double.NaN;
        w.Add($"""
            <tr data-indicator="hours"><th>{req.T(Str.AvgHours)}</th><td class="num">{f.AvgHours(now.AvgHours, now.HoursTarget, now.HoursMet)}</td>
            <td class="num">{Avg(avg)} {req.T(Str.HoursUnit)}</td>
            <td class="num">{(reg.Expected > 0 ? $"{Avg(row.TotalHours.Low / reg.Expected)} – {Avg(row.TotalHours.High / reg.Expected)}" : "—")}</td><td class="num">25 {req.T(Str.HoursUnit)}</td>
            <td class="{(row.HoursMet == true ? "met" : "not-met")}">{Outlook(row.HoursMet)}</td><td>{Needed(row.HoursNeededPerMonth, zh ? "小时" : "hours")}</td></tr>
            </tbody></table></div>
            <p class="hint">{(zh ? "预测为 12 月 31 日的期望值及 80% 区间（按历史回测误差估计）；“判断”指达标的可能性是否大于一半。预测不改变任何指标。" : "Expected values on 31 December with an 80 % interval from the backtest errors; the outlook says whether meeting the target is more likely than not. A forecast never changes an indicator.")}</p>
            </section>
            """);
        return w.ToRaw();
    }
}
