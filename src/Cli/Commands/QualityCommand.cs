using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Metrics.Quality;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats quality [--format table|csv|json]</c>: the data-quality report.</summary>
public static class QualityCommand
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["rejects"] = "拒收行 rejected rows (file / reason)",
        ["unmatched_records"] = "未匹配时长记录 unmatched service records",
        ["regions_without_population"] = "缺常住人口的区划 regions without population",
        ["codes_not_in_regions"] = "区划表中没有的代码 codes not in the regions list",
        ["id_check_digit_wrong"] = "身份证校验位错误 ID check digit wrong",
        ["volunteer_days_over_24h"] = "单日超24小时 volunteer-days over 24 h",
        ["records_before_registration"] = "早于注册日期的记录 records before registration",
    };

    private static readonly Dictionary<string, string> KindTitles = new()
    {
        [AnomalyKinds.Over24h] = "单日超24小时 over_24h",
        [AnomalyKinds.BeforeRegistration] = "早于注册 before_registration",
        [AnomalyKinds.BulkEntry] = "批量相同时长 bulk_entry",
        [AnomalyKinds.Burst] = "单日激增 burst",
    };

    /// <summary>The stored suspicious-hours check, or how to make one: flags are scored by the model, never here.</summary>
    private static void WriteSuspicious(AnomalyCheck? check, int? latestYear)
    {
        const string title = "可疑时长 suspicious hours";
        if (latestYear is null) return;
        if (check is null)
        {
            Console.Out.WriteLine($"{title}: 尚未筛查 not checked yet (./volstats anomalies --year {latestYear} checks and keeps the result; the server does it nightly)");
            return;
        }
        var stale = check.Current ? "" : "; files were loaded since: run ./volstats anomalies again";
        Console.Out.WriteLine($"{title}: {check.Flags.Count:N0} ({check.Year}年1–{check.Through}月, checked {check.CheckedAtUtc:yyyy-MM-dd HH:mm} UTC{stale})");
        var rows = check.ByKind.Select(k => (IReadOnlyList<string>)["    " + KindTitles.GetValueOrDefault(k.Kind, k.Kind), "×" + k.Flags.ToString("N0"), $"{k.Records:N0} 条记录 records"]).ToList();
        TextTable.WriteRows(Console.Out, rows, new HashSet<int> { 1 });
        if (check.Flags.Count > 0)
            Console.Out.WriteLine($"    ./volstats anomalies --year {check.Year} lists them with their records; flags never change the indicators");
    }

    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var quality = services.GetRequiredService<QualityService>();
        var findings = quality.Build(connection);
        var suspicious = quality.SuspiciousHours(connection);
        var latestYear = QualityService.LatestServiceYear(connection);
        switch (format)
        {
            case "csv":
                Csv.Write(Console.Out, ["check", "subject", "count", "example"],
                    findings.Select(f => new[] { f.Check, f.Subject, f.Count.ToString(), f.Example })
                        .Concat(suspicious?.ByKind.Select(k => new[] { "suspicious_hours", k.Kind, k.Flags.ToString(), $"{k.Records} records, {suspicious.Year} through month {suspicious.Through}" }) ?? []));
                break;
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    totals = QualityService.Totals(findings),
                    findings = findings.Select(f => new { check = f.Check, subject = f.Subject, count = f.Count, example = f.Example }),
                    suspicious_hours = suspicious is null ? null : new
                    {
                        year = suspicious.Year,
                        through = suspicious.Through,
                        checked_at = suspicious.CheckedAtUtc,
                        current = suspicious.Current,
                        by_kind = suspicious.ByKind.Select(k => new { kind = k.Kind, flags = k.Flags, records = k.Records }),
                    },
                }, IndicatorFormats.JsonOutput));
                break;
            default:
                const int shown = 10;
                foreach (var (check, total) in QualityService.Totals(findings))
                {
                    Console.Out.WriteLine($"{Titles.GetValueOrDefault(check, check)}: {total:N0}");
                    var groups = findings.Where(f => f.Check == check).ToList();
                    var rows = groups.Take(shown).Select(f => (IReadOnlyList<string>)["    " + f.Subject, "×" + f.Count.ToString("N0"), f.Example]).ToList();
                    if (rows.Count > 0) TextTable.WriteRows(Console.Out, rows, new HashSet<int> { 1 });
                    if (groups.Count > shown)
                        Console.Out.WriteLine($"    … 另有 {groups.Count - shown:N0} 组，共 {groups.Skip(shown).Sum(f => f.Count):N0} 条 (and {groups.Count - shown:N0} more group{(groups.Count - shown == 1 ? "" : "s")}; ./volstats quality --format csv lists them all)");
                }
                WriteSuspicious(suspicious, latestYear);
                break;
        }
        return 0;
    }
}
