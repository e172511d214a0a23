using System.Globalization;
using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Metrics.Anomalies;

/// <summary>
/// Hours that deserve a second look (CONTRACT §10). Rules for the certain cases (a volunteer-day over 24 hours,
/// service before registration); for padding, organization-days scored by what padding looks like (a large group
/// entered with identical hours, people who serve on no other day, people registered just before, an organization
/// that never runs such group events) together with an ML.NET randomized-PCA anomaly percentile. Reads only; the
/// indicators never change because of a flag.
/// </summary>
public sealed class AnomalyService(IndicatorService indicators, ILogger<AnomalyService> logger)
{
    /// <summary>Records of one organization-day entered with identical hours before it can be a bulk entry.</summary>
    public const int MinGroup = 10;
    /// <summary>Score from which an organization-day with such a group is flagged as bulk_entry.</summary>
    public const double BulkThreshold = 0.5;
    /// <summary>Records of one organization-day before it can be a burst, and how many times its usual volume.</summary>
    public const int BurstMinRecords = 10;
    public const double BurstMinRatio = 4;
    public const double BurstThreshold = 0.5;

    private static readonly System.Reflection.Assembly Sql = typeof(AnomalyService).Assembly;

    public List<AnomalyFlag> Find(DuckDBConnection connection, AnomalyQuery query, CancellationToken ct = default)
    {
        var through = query.Through ?? indicators.DefaultThrough(connection, query.Year);
        var from = new DateOnly(query.Year, 1, 1);
        var to = new DateOnly(query.Year, through, 1).AddMonths(1).AddDays(-1);
        var tree = query.Region is null ? null : RegionTree.Load(connection);
        bool InRegion(string? home) => tree is null || (home is not null && tree.IsUnder(home, query.Region!));
        var phases = new Phases();

        var flags = new List<AnomalyFlag>();
        flags.AddRange(phases.Time("rules", () => Rules(connection, from, to)).Where(f => InRegion(f.Home)).Select(f => f.Flag));
        ct.ThrowIfCancellationRequested();
        var days = phases.Time("organization-day features", () => OrganizationDays(connection, from.AddDays(-365), from, to));
        var pca = phases.Time("model (PCA + k-means)", () => AnomalyModel.Percentiles(days));
        var flagged = new List<(OrganizationDay Day, string Kind, double Score, string Reason)>();
        for (var i = 0; i < days.Count; i++)
            if (days[i].InWindow && ScoreDay(days[i], pca[i]) is { } scored)
                flagged.Add((days[i], scored.Kind, scored.Score, scored.Reason));
        ct.ThrowIfCancellationRequested();
        var records = phases.Time("records of flagged days",
            () => FlaggedRecords(connection, flagged.Select(f => (f.Day.Organization, f.Day.Date, f.Kind == AnomalyKinds.BulkEntry ? f.Day.ModalUnits : 0L)).ToList()));
        foreach (var (d, kind, score, reason) in flagged)
        {
            var mine = records.GetValueOrDefault((d.Organization, d.Date, kind == AnomalyKinds.BulkEntry ? d.ModalUnits : 0L)) ?? [];
            if (!mine.Any(r => InRegion(r.Home))) continue;
            var hours = kind == AnomalyKinds.BulkEntry ? d.ModalHours * mine.Count : d.Hours;
            flags.Add(new AnomalyFlag(kind, score, d.Organization, null, d.Date, mine.Count, hours, reason, mine.Select(r => r.Id).ToList()));
        }
        phases.Log(logger, query.Year, days.Count, flags.Count);
        return flags.OrderByDescending(f => f.Score).ThenBy(f => f.ServiceDate).ThenBy(f => f.Kind, StringComparer.Ordinal)
            .ThenBy(f => f.Organization ?? f.VolunteerId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Wall and CPU seconds of each step of <see cref="Find"/>, for the debug log (<c>VOLSTATS_LOG=debug</c>).</summary>
    private sealed class Phases
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly List<string> _done = [];

        public T Time<T>(string name, Func<T> work)
        {
            var (wall, cpu) = (_watch.Elapsed, Cpu());
            var result = work();
            _done.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {(_watch.Elapsed - wall).TotalSeconds:F2}s (cpu {(Cpu() - cpu).TotalSeconds:F1}s)"));
            return result;
        }

        public void Log(ILogger logger, int year, int days, int flags)
        {
            if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("Anomalies {Year}: {Days} organization-days, {Flags} flags in {Wall:F2}s: {Phases}", year, days, flags,
                    _watch.Elapsed.TotalSeconds, string.Join("; ", _done));
        }

        private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>
    /// The kind, score and reason of an organization-day, or null when it looks ordinary. Bulk entry: a group of at
    /// least <see cref="MinGroup"/> with identical hours, scored 0.30 × share of the group serving on no other day of the
    /// year + 0.10 × share registered in the 30 days before + 0.30 × 1 / (1 + the organization's other group events of
    /// at least half the size) + 0.15 × how much larger than its usual largest group (log scale, 20× = 1) + 0.15 × model
    /// percentile. Burst: at least <see cref="BurstMinRecords"/> records and <see cref="BurstMinRatio"/> times the
    /// organization's usual volume, scored 0.45 × share serving on no other day + 0.15 × share registered just before +
    /// 0.20 × how far above the usual volume (log scale, 20× = 1) + 0.20 × model percentile.
    /// </summary>
    public static (string Kind, double Score, string Reason)? ScoreDay(OrganizationDay d, double pca)
    {
        // A day that is padding through and through (the records outside the largest identical group are as new as the
        // group) is a burst, whatever the hours; identical hours on an otherwise ordinary day are a bulk entry.
        var wholeDay = d.Records >= BurstMinRecords && d.Records > d.ModalCount && d.OtherInactiveShare >= 0.5 && d.ModalCount < 0.6 * d.Records;
        if (d.ModalCount >= MinGroup && !wholeDay)
        {
            var irregular = 1.0 / (1 + d.OtherGroupDays);
            var larger = Math.Clamp(Math.Log(d.GroupRatio) / Math.Log(20), 0, 1);
            var score = 0.30 * d.ModalInactiveShare + 0.10 * d.ModalRecentShare + 0.30 * irregular + 0.15 * larger + 0.15 * pca;
            if (score >= BulkThreshold)
                return (AnomalyKinds.BulkEntry, Math.Round(score, 4),
                    $"同日 {d.ModalCount} 条记录时长均为 {Fmt(d.ModalHours)} 小时（该组织平时一天最多约 {Fmt(d.UsualGroup)} 条同时长记录）；" +
                    $"其中 {Pct(d.ModalInactiveShare)} 的志愿者当年在其他日期没有服务记录，{Pct(d.ModalRecentShare)} 在 30 天内刚注册；" +
                    $"该组织{(d.OtherGroupDays == 0 ? "没有其他" : $"另有 {d.OtherGroupDays} 天")}类似规模的集体活动（模型异常分位 {Pct(pca)}）");
        }
        if (d.Records >= BurstMinRecords && d.VolumeRatio >= BurstMinRatio)
        {
            var above = Math.Min(1, Math.Log(d.VolumeRatio) / Math.Log(20));
            var score = 0.45 * d.InactiveShare + 0.15 * d.RecentShare + 0.20 * above + 0.20 * pca;
            if (score >= BurstThreshold)
                return (AnomalyKinds.Burst, Math.Round(score, 4),
                    $"当日 {d.Records} 条记录、{Fmt(d.Hours)} 小时，是该组织平时（每个活动日约 {Fmt(d.TrailingMedian)} 条）的 {Fmt(Math.Round(d.VolumeRatio, 1))} 倍；" +
                    $"其中 {Pct(d.InactiveShare)} 的志愿者当年在其他日期没有服务记录（模型异常分位 {Pct(pca)}）");
        }
        return null;
    }

    /// <summary>
    /// The records of flagged organization-days (all of the day, or only those of the given hours when units > 0), in
    /// batches of one query each: the days go in as parameters, never as SQL text.
    /// </summary>
    private static Dictionary<(string Org, DateOnly Day, long Units), List<(string Id, string? Home)>> FlaggedRecords(
        DuckDBConnection connection, List<(string Org, DateOnly Day, long Units)> days)
    {
        var result = new Dictionary<(string, DateOnly, long), List<(string, string?)>>();
        foreach (var batch in days.Distinct().Chunk(200))
        {
            var values = string.Join(", ", batch.Select((_, i) => $"($o{i}, $d{i}::DATE, $u{i}::BIGINT)"));
            var parameters = new List<(string, object?)> { ("hist_from", batch.Min(b => b.Day)), ("to", batch.Max(b => b.Day)) };
            for (var i = 0; i < batch.Length; i++)
                parameters.AddRange([($"o{i}", batch[i].Org), ($"d{i}", batch[i].Day), ($"u{i}", batch[i].Units)]);
            foreach (var r in connection.Query(Script("FlagRecords.sql").Replace("{days}", values, StringComparison.Ordinal), [.. parameters]))
            {
                var key = (r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetInt64(2));
                if (!result.TryGetValue(key, out var list)) result[key] = list = [];
                list.Add((r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
            }
        }
        return result;
    }

    private sealed record RuleFlag(AnomalyFlag Flag, string? Home);

    private static List<RuleFlag> Rules(DuckDBConnection connection, DateOnly from, DateOnly to) =>
        connection.Query(Script("Rules.sql"), ("hist_from", from), ("to", to), ("from", from))
            .Select(r =>
            {
                var kind = r.GetString(0);
                var date = DateOnly.FromDateTime(r.GetDateTime(2));
                var records = r.GetInt64(3);
                var hours = (double)IndicatorService.ReadBig(r.GetValue(4)) / Hours.UnitsPerHour;
                var orgs = r.IsDBNull(5) ? null : r.GetString(5);
                var ids = r.GetString(6).Split(';');
                double score;
                string reason;
                if (kind == AnomalyKinds.Over24h)
                {
                    score = 0.9 + Math.Min(0.1, (hours - 24) / 240);
                    reason = $"同一志愿者当日 {records} 条记录合计 {Fmt(hours)} 小时，超过一天 24 小时";
                }
                else
                {
                    var registered = DateOnly.FromDateTime(r.GetDateTime(7));
                    var days = registered.DayNumber - date.DayNumber;
                    score = 0.85 + Math.Min(0.1, days / 3650.0);
                    reason = $"{records} 条记录（{Fmt(hours)} 小时）的服务日期早于注册日期 {registered:yyyy-MM-dd}，最早 {date:yyyy-MM-dd}，早 {days} 天";
                }
                return new RuleFlag(new AnomalyFlag(kind, Math.Round(score, 4), orgs, r.IsDBNull(1) ? null : r.GetString(1), date, records, hours, reason, ids),
                    r.IsDBNull(8) ? null : r.GetString(8));
            })
            .ToList();

    public static List<OrganizationDay> OrganizationDays(DuckDBConnection connection, DateOnly histFrom, DateOnly from, DateOnly to) =>
        CountGroupEvents(connection.Query(Script("OrganizationDays.sql"), ("hist_from", histFrom), ("to", to), ("from", from), ("min_group", MinGroup))
            .Select(r => new OrganizationDay(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetInt64(2), r.GetInt64(3),
                (double)IndicatorService.ReadBig(r.GetValue(4)) / Hours.UnitsPerHour, r.GetDouble(5), r.GetDouble(6), r.GetInt64(7), r.GetInt64(8),
                r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetInt64(12), 0, r.GetBoolean(13)))
            .ToList());

    /// <summary>
    /// For each day with a group of at least <see cref="MinGroup"/> identical entries, how many other days the same
    /// organization entered a group at least half as large for people who mostly do serve on other days: genuine group
    /// events recur, and padding for people who never serve does not make an organization look regular.
    /// </summary>
    private static List<OrganizationDay> CountGroupEvents(List<OrganizationDay> days)
    {
        var result = new List<OrganizationDay>(days.Count);
        foreach (var org in days.GroupBy(d => d.Organization))
        {
            var genuine = org.Where(d => d.ModalCount >= MinGroup && d.ModalInactiveShare < 0.5).Select(d => d.ModalCount).Order().ToArray();
            var groups = org.Select(d => (double)d.ModalCount).Order().ToArray();
            var usual = groups.Length < 2 ? 1 : groups[groups.Length / 2];
            foreach (var d in org)
            {
                if (d.ModalCount < MinGroup) { result.Add(d with { UsualGroup = usual }); continue; }
                var threshold = Math.Max(MinGroup, (d.ModalCount + 1) / 2);
                var at = Array.BinarySearch(genuine, threshold);
                if (at < 0) at = ~at;
                else while (at > 0 && genuine[at - 1] == threshold) at--;
                var others = genuine.Length - at - (d.ModalInactiveShare < 0.5 ? 1 : 0);
                result.Add(d with { OtherGroupDays = Math.Max(0, others), UsualGroup = usual });
            }
        }
        return result;
    }

    private static string Script(string name) => WithRecords(SqlScripts.Load(Sql, "Anomalies/" + name));

    /// <summary>
    /// <paramref name="sql"/> with this folder's fragments put in: <c>{records}</c> (Records.sql, the CTEs up to
    /// <c>recs</c>) and <c>{rid}</c> (RecordId.sql, a record of <c>recs r</c> as a flag lists it), so that another
    /// project's query judges records by the same person, home and id as the flags.
    /// </summary>
    public static string WithRecords(string sql) =>
        sql.Replace("{records}", SqlScripts.Load(Sql, "Anomalies/Records.sql"), StringComparison.Ordinal)
            .Replace("{rid}", RecordId.Value, StringComparison.Ordinal);

    /// <summary>RecordId.sql without its comment lines, to be spliced in as an expression.</summary>
    private static readonly Lazy<string> RecordId = new(() => "(" + string.Join("\n",
        SqlScripts.Load(Sql, "Anomalies/RecordId.sql").Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim() + ")");

    private static string Fmt(double v) => v.ToString(v == Math.Floor(v) ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Pct(double v) => (100 * v).ToString("0", CultureInfo.InvariantCulture) + "%";
}
