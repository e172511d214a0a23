using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Metrics.Regions;
using VolunteerStats.Metrics.Stars;
using static VolunteerStats.Reports.Formatting.ChineseFormat;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats stars --through YYYY-MM [--region CODE] [--top N]</c>: 1–5-star volunteers per district (or
/// per child of --region), and the top volunteers (masked names) and organizations by hours.
/// </summary>
public static class StarsCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var t = args.GetMonth("--through") ?? throw new UsageException("stars: --through YYYY-MM is required.");
        var asOf = new DateOnly(t.Year, t.Month, DateTime.DaysInMonth(t.Year, t.Month));
        var region = args.Get("--region");
        var top = args.GetInt("--top") ?? 10;
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        if (region is not null) region = Metrics.Regions.RegionResolver.Resolve(connection, region, "--region");
        var tree = RegionTree.Load(connection);
        var volunteers = services.GetRequiredService<StarService>().Volunteers(connection, asOf, region);

        // Group by the child level of --region (default: districts).
        var level = region is null ? "district" : ChildLevel(region);
        var byRegion = volunteers.Where(v => v.Stars > 0)
            .GroupBy(v => tree.AtLevel(v.HomeRegion, level) ?? "(other)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Key, tree.Name(g.Key) }.Concat(Enumerable.Range(1, 5).Select(s => g.Count(v => v.Stars == s).ToString())).ToArray())
            .ToList();
        var leaders = volunteers.OrderByDescending(v => v.ThisYear).ThenByDescending(v => v.Cumulative).Take(top).ToList();
        var organizations = volunteers.GroupBy(v => v.Organization ?? "(none)")
            .Select(g => (Name: g.Key, Hours: g.Aggregate(Fraction.Zero, (a, v) => a + v.ThisYear), People: g.Count()))
            .OrderByDescending(o => o.Hours).Take(top).ToList();

        string[] starHeader = ["region_code", "region_name", "stars_1", "stars_2", "stars_3", "stars_4", "stars_5"];
        if (format == "csv")
        {
            Csv.Write(Console.Out, starHeader, byRegion);
            return 0;
        }
        if (format == "json")
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                through = $"{asOf:yyyy-MM}",
                stars = byRegion.Select(r => new { region_code = r[0], region_name = r[1], stars = r[2..].Select(int.Parse).ToArray() }),
                volunteers = leaders.Select(v => new { name = v.MaskedName, organization = v.Organization, region_code = v.HomeRegion, hours_this_year = v.ThisYear.ToDecimal(2), hours_cumulative = v.Cumulative.ToDecimal(2), stars = v.Stars }),
                organizations = organizations.Select(o => new { name = o.Name, hours_this_year = o.Hours.ToDecimal(2), volunteers = o.People }),
            }, IndicatorFormats.JsonOutput));
            return 0;
        }
        // A table cell is one line: a name or organization exported with a line break must not break its row.
        Console.Out.WriteLine($"星级志愿者 star volunteers through {asOf:yyyy-MM-dd}");
        TextTable.Write(Console.Out, ["区划代码", "名称", "一星", "二星", "三星", "四星", "五星"],
            byRegion.Select(r => (IReadOnlyList<string>)[r[0], OneLine(r[1]), .. r[2..]]).ToList());
        Console.Out.WriteLine();
        Console.Out.WriteLine($"志愿者时长排行 top {top} volunteers");
        TextTable.Write(Console.Out, ["姓名", "所属组织", "区划", "本年时长", "累计时长", "星级"],
            leaders.Select(v => (IReadOnlyList<string>)[OneLine(v.MaskedName ?? "—"), OneLine(v.Organization ?? "—"), OneLine(tree.Name(v.HomeRegion)),
                v.ThisYear.Format(1), v.Cumulative.Format(1), new string('★', v.Stars)]).ToList());
        Console.Out.WriteLine();
        Console.Out.WriteLine($"组织时长排行 top {top} organizations");
        TextTable.Write(Console.Out, ["组织", "本年时长", "志愿者"], organizations.Select(o => (IReadOnlyList<string>)[OneLine(o.Name), o.Hours.Format(1), o.People.ToString()]).ToList());
        return 0;
    }

    private static string ChildLevel(string region) => VolunteerStats.Ingest.Parsing.RegionCodes.Level(region) switch
    {
        "province" => "city",
        "city" => "district",
        "district" => "street",
        _ => "community",
    };
}
