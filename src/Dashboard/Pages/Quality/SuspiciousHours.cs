using System.Globalization;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Anomalies;

namespace VolunteerStats.Dashboard.Pages.Quality;

/// <summary>
/// The suspicious-hours flags of <see cref="AnomalyService"/> on <c>/quality</c>, beside rejects and unmatched records:
/// how many of each kind, and the most suspicious first with the reason in words. Volunteers appear by masked name and
/// volunteer number. Flags are there to be checked; they never change an indicator. They are read as the nightly job
/// stored them (<see cref="AnomalyStore"/>) when that check is of the current data and the user sees every region;
/// otherwise (files loaded since, or a user limited to a region) scored once per data version, the caller caching it.
/// </summary>
public static class SuspiciousHours
{
    public const int Shown = 100;

    public sealed record Flag(AnomalyFlag Source, string? MaskedName);

    public sealed record Model(int Year, int Through, int Total, Dictionary<string, int> ByKind, List<Flag> Top, DateTime? StoredAtUtc);

    /// <summary>The stored check of <paramref name="year"/> when it is current and covers the month asked, else null.</summary>
    public static AnomalyCheck? Stored(DuckDBConnection connection, int year, int through, string? region) =>
        region is null && AnomalyStore.Load(connection, year) is { Current: true } check && check.Through == through ? check : null;

    public static Model Read(DuckDBConnection connection, AnomalyService anomalies, int year, int through, string? region)
    {
        var stored = Stored(connection, year, through, region);
        var flags = stored?.Flags.ToList() ?? anomalies.Find(connection, new AnomalyQuery(year, through, region));
        var top = flags.Take(Shown).ToList();
        var ids = top.Select(f => f.VolunteerId).OfType<string>().Distinct().ToList();
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var batch in ids.Chunk(200))
        {
            var list = string.Join(", ", batch.Select((_, i) => $"$v{i}"));
            var parameters = batch.Select((v, i) => ($"v{i}", (object?)v)).ToArray();
            foreach (var r in connection.Query($"SELECT volunteer_id, name_masked FROM registrations WHERE volunteer_id IN ({list})", parameters))
                names[r.GetString(0)] = r.IsDBNull(1) ? null : r.GetString(1);
        }
        return new Model(year, through, flags.Count,
            AnomalyKinds.All.ToDictionary(k => k, k => flags.Count(f => f.Kind == k)).Concat(flags.Select(f => f.Kind).Where(k => !AnomalyKinds.All.Contains(k)).Distinct().Select(k => KeyValuePair.Create(k, flags.Count(f => f.Kind == k)))).ToDictionary(),
            top.Select(f => new Flag(f, f.VolunteerId is { } v ? names.GetValueOrDefault(v) : null)).ToList(), stored?.CheckedAtUtc);
    }

    public static string KindName(PageRequest req, string kind) => (kind, req.Lang) switch
    {
        (AnomalyKinds.Over24h, Lang.Zh) => "单日超过 24 小时",
        (AnomalyKinds.BeforeRegistration, Lang.Zh) => "服务早于注册",
        (AnomalyKinds.BulkEntry, Lang.Zh) => "批量录入相同时长",
        (AnomalyKinds.Burst, Lang.Zh) => "单日记录激增",
        (AnomalyKinds.Over24h, _) => "Over 24 h in a day",
        (AnomalyKinds.BeforeRegistration, _) => "Service before registration",
        (AnomalyKinds.BulkEntry, _) => "Same hours entered in bulk",
        (AnomalyKinds.Burst, _) => "Burst of records",
        _ => kind,
    };

    public static Raw Render(PageRequest req, Model model)
    {
        var f = req.Format;
        var zh = req.Lang == Lang.Zh;
        var w = new HtmlWriter();
        w.Add($"""
            <section class="card" id="suspicious-hours" data-flags="{model.Total}"><h2>{(zh ? "可疑时长（待核查）" : "Suspicious hours (to check)")} <small>{f.Month(model.Year, 1)} – {f.Month(model.Year, model.Through)} · {(zh ? $"共 {f.Whole(model.Total)} 条" : $"{f.Whole(model.Total)} flags")}</small></h2>
            <div class="flag-kinds">
            """);
        foreach (var (kind, n) in model.ByKind)
            w.Add($"""<span class="flag-kind{(n > 0 ? " some" : "")}" data-kind="{kind}">{KindName(req, kind)} <b>{f.Whole(n)}</b></span>""");
        w.Add($"""</div>""");
        if (model.Total == 0)
            w.Add($"""<p class="muted">✓ {(zh ? "未发现可疑时长。" : "Nothing suspicious found.")}</p>""");
        else
        {
            w.Add($"""
                <div class="table-wrap"><table class="data flags"><thead><tr><th>{(zh ? "类型" : "Kind")}</th><th class="num">{(zh ? "可疑度" : "Score")}</th>
                <th>{(zh ? "组织" : "Organization")}</th><th>{(zh ? "志愿者" : "Volunteer")}</th><th>{(zh ? "服务日期" : "Service date")}</th>
                <th class="num">{(zh ? "记录数" : "Records")}</th><th class="num">{(zh ? "时长（小时）" : "Hours")}</th><th>{(zh ? "说明" : "Reason")}</th></tr></thead><tbody>
                """);
            foreach (var flag in model.Top)
            {
                var a = flag.Source;
                var who = a.VolunteerId is { } v ? $"{flag.MaskedName ?? (zh ? "（无姓名）" : "(no name)")} · {v}" : "—";
                w.Add($"""<tr data-kind="{a.Kind}"><td>{KindName(req, a.Kind)}</td><td class="num">{a.Score.ToString("0.00", CultureInfo.InvariantCulture)}</td><td>{a.Organization ?? "—"}</td><td>{who}</td><td>{f.Date(a.ServiceDate)}</td><td class="num">{f.Whole(a.Records)}</td><td class="num">{a.Hours.ToString("N1", CultureInfo.InvariantCulture)}</td><td class="reason">{a.Reason}</td></tr>""");
            }
            w.Add($"""</tbody></table></div>""");
        }
        var more = model.Total > model.Top.Count
            ? (zh ? $"仅显示可疑度最高的 {model.Top.Count} 条；完整清单（含记录编号）见 ./volstats anomalies --year {model.Year}。" : $"The {model.Top.Count} most suspicious shown; ./volstats anomalies --year {model.Year} lists them all with their record ids.")
            : (zh ? $"记录编号见 ./volstats anomalies --year {model.Year}。" : $"./volstats anomalies --year {model.Year} lists the record ids.");
        var when = model.StoredAtUtc is { } at ? (zh ? $"夜间任务于 {f.DateTime(at)} 检查。" : $"Checked by the nightly job at {f.DateTime(at)}. ") : "";
        w.Add($"""<p class="hint">{(zh ? "标记只提示需要核查的记录，不改变任何指标。" : "Flags only point at records to check; they never change an indicator. ")}{when}{more}</p></section>""");
        return w.ToRaw();
    }
}
