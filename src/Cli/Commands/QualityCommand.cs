using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
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

    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var findings = services.GetRequiredService<QualityService>().Build(connection);
        switch (format)
        {
            case "csv":
                Csv.Write(Console.Out, ["check", "subject", "count", "example"],
                    findings.Select(f => new[] { f.Check, f.Subject, f.Count.ToString(), f.Example }));
                break;
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    totals = QualityService.Totals(findings),
                    findings = findings.Select(f => new { check = f.Check, subject = f.Subject, count = f.Count, example = f.Example }),
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
                break;
        }
        return 0;
    }
}
