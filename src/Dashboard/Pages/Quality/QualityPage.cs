using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Quality;

namespace VolunteerStats.Dashboard.Pages.Quality;

/// <summary>
/// <c>/quality</c> (analysts and admins): the report of <see cref="QualityService"/> (rejects, unmatched records,
/// flags), the files loaded with their counts, and the trend of the nightly quality snapshots.
/// </summary>
public static class QualityPage
{
    private sealed record FileRow(string Name, string Kind, DateTime LoadedAt, long Read, long Inserted, long Updated, long Unchanged, long Unmatched, long Rejected);

    private sealed record Model(Dictionary<string, long> Totals, List<QualityFinding> Findings, List<FileRow> Files,
        List<(DateTime TakenAt, Dictionary<string, long> Measures)> Snapshots, RegionIndex Regions, Freshness Freshness);

    /// <summary>Checks about a region (the subject is a region code): shown to a user limited to a region when inside it.</summary>
    private static readonly HashSet<string> RegionChecks = ["regions_without_population", "codes_not_in_regions", "id_check_digit_wrong"];

    public static async Task<IResult> Get(HttpContext http, PageData data, QualityService quality, AnomalyService anomalies, TimeProvider clock)
    {
        var req = new PageRequest(http);
        if (!req.Access.CanSeeQuality && req.Access.Role is not null)
            return Layout.Message(req, req.T(Str.QualityTitle), req.T(Str.Forbidden), null, StatusCodes.Status403Forbidden);
        var model = await data.ReadAsync(c =>
        {
            var findings = quality.Build(c);
            var files = c.Query("""
                SELECT name, kind, ingested_at, rows_read, inserted, updated, unchanged, unmatched, rejected
                FROM files ORDER BY ingested_at DESC, file_id DESC LIMIT 50
                """).Select(r => new FileRow(r.GetString(0), r.GetString(1), r.GetDateTime(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
                    r.GetInt64(6), r.GetInt64(7), r.GetInt64(8))).ToList();
            var snapshots = c.Query("""
                SELECT taken_at, CASE WHEN measure = 'rejected' THEN 'rejects' WHEN measure = 'unmatched' THEN 'unmatched_records' ELSE measure END,
                       sum(rows)::BIGINT
                FROM quality_snapshots GROUP BY ALL ORDER BY 1
                """).GroupBy(r => r.GetDateTime(0)).Select(g => (g.Key, g.ToDictionary(r => r.GetString(1), r => r.GetInt64(2)))).ToList();
            return new Model(QualityService.Totals(findings), findings, files, snapshots, PageData.Regions(c), PageData.Freshness(c));
        }, req.Aborted);

        // Flags of the year asked (default: the latest with data), cached per data version: the scoring reads a year of records.
        var year = req.QueryInt("year");
        var flags = await data.ReadCachedAsync(req, c =>
        {
            var period = c.Resolve(clock, year, req.QueryMonth("through", year));
            return c.Cached($"anomalies|{period.Year}|{period.Month}|{req.Access.RegionLimit}",
                conn => SuspiciousHours.Read(conn, anomalies, period.Year, period.Month, req.Access.RegionLimit));
        });

        // A user limited to a region sees the checks about regions inside it, and counts only for the rest.
        var findings = req.Access.RegionLimit is null ? model.Findings
            : model.Findings.Where(f => RegionChecks.Contains(f.Check) && req.Access.Allows(model.Regions, f.Subject)).ToList();
        var f = req.Format;
        var w = new HtmlWriter();
        w.Add($"""<div class="page-head"><h1>{req.T(Str.QualityTitle)}</h1></div><div class="kpis quality-kpis">""");
        foreach (var check in QualityService.Checks)
        {
            var n = model.Totals[check];
            w.Add($"""<section class="kpi {(n == 0 ? "met" : "not-met")}" data-check="{check}"><h3>{req.T(Str.Checks[check])}</h3><div class="kpi-value">{f.Count(n)}</div>{(n == 0 ? HtmlWriter.Fragment($"<div class=\"kpi-target\">✓ {req.T(Str.AllClean)}</div>") : Raw.Empty)}</section>""");
        }
        w.Add($"""</div>""");
        w.Add(SuspiciousHours.Render(req, flags));

        w.Add($"""<section class="card"><h2>{req.T(Str.QualityTrend)}</h2>""");
        if (model.Snapshots.Count == 0) w.Add($"""<p class="muted">{req.T(Str.NoSnapshots)}</p>""");
        else
        {
            var json = JsonSerializer.Serialize(new
            {
                dates = model.Snapshots.Select(s => f.DateTime(s.TakenAt)).ToArray(),
                series = QualityService.Checks.Select(check => new
                {
                    name = req.T(Str.Checks[check]),
                    values = model.Snapshots.Select(s => s.Measures.GetValueOrDefault(check)).ToArray(),
                }).ToArray(),
            }).Replace("</", "<\\/", StringComparison.Ordinal);
            w.Add($"""<div class="chart wide" data-quality-trend="quality-trend"></div><script type="application/json" id="quality-trend">{new Raw(json)}</script>""");
        }
        w.Add($"""</section>""");

        w.Add($"""
            <section class="card"><h2>{req.T(Str.Files)}</h2><div class="table-wrap"><table class="data"><thead><tr>
            <th>{req.T(Str.File)}</th><th>{req.T(Str.Kind)}</th><th>{req.T(Str.LoadedAt)}</th><th class="num">{req.T(Str.RowsRead)}</th><th class="num">{req.T(Str.Inserted)}</th>
            <th class="num">{req.T(Str.Updated)}</th><th class="num">{req.T(Str.Unchanged)}</th><th class="num">{req.T(Str.Unmatched)}</th><th class="num">{req.T(Str.Rejected)}</th></tr></thead><tbody>
            """);
        foreach (var file in model.Files)
            w.Add($"""<tr><td>{file.Name}</td><td>{(Str.Kinds.TryGetValue(file.Kind, out var k) ? req.T(k) : file.Kind)}</td><td>{f.DateTime(file.LoadedAt)}</td><td class="num">{f.Whole(file.Read)}</td><td class="num">{f.Whole(file.Inserted)}</td><td class="num">{f.Whole(file.Updated)}</td><td class="num">{f.Whole(file.Unchanged)}</td><td class="num">{f.Whole(file.Unmatched)}</td><td class="num{(file.Rejected > 0 ? " bad" : "")}">{f.Whole(file.Rejected)}</td></tr>""");
        w.Add($"""</tbody></table></div></section>""");

        w.Add($"""<section class="card"><h2>{req.T(Str.Check)}</h2><div class="table-wrap"><table class="data findings"><thead><tr><th>{req.T(Str.Check)}</th><th>{req.T(Str.Subject)}</th><th class="num">{req.T(Str.Rows)}</th><th>{req.T(Str.Example)}</th></tr></thead><tbody>""");
        foreach (var finding in findings.Take(300))
            w.Add($"""<tr data-check="{finding.Check}"><td>{req.T(Str.Checks[finding.Check])}</td><td>{finding.Subject}</td><td class="num">{f.Whole(finding.Count)}</td><td class="muted">{finding.Example}</td></tr>""");
        w.Add($"""</tbody></table></div>""");
        if (findings.Count > 300) w.Add($"""<p class="hint">{(req.Lang == Lang.Zh ? $"仅显示前 300 条，共 {findings.Count} 条；完整清单见 ./volstats quality 与 ./volstats rejects。" : $"First 300 of {findings.Count}; ./volstats quality and ./volstats rejects list them all.")}</p>""");
        w.Add($"""</section>""");
        w.Add(DownloadBar.Render(req, "quality", new Period(flags.Year, flags.Through)));
        return Layout.Page(req, req.T(Str.QualityTitle), "quality", w.ToRaw(), model.Freshness, charts: true);
    }
}
