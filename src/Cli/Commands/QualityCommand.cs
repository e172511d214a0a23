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
                foreach (var (check, total) in QualityService.Totals(findings))
                {
                    Console.Out.WriteLine($"{Titles[check]}: {total:N0}");
                    foreach (var f in findings.Where(f => f.Check == check).Take(10))
                        Console.Out.WriteLine($"    {f.Subject}  ×{f.Count:N0}  {f.Example}");
                }
                break;
        }
        return 0;
    }
}
