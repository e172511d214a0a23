using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats trend --region CODE --year Y</c>: the indicators of one region month by month, through the latest month of data.</summary>
public static class TrendCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var region = args.Get("--region") ?? throw new UsageException("trend: --region CODE is required.");
        var year = args.GetInt("--year") ?? throw new UsageException("trend: --year Y is required.");
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var indicators = services.GetRequiredService<IndicatorService>();
        var tree = RegionTree.Load(connection);
        var code = Metrics.Regions.RegionResolver.Resolve(connection, region, "--region");
        var last = indicators.DefaultThrough(connection, year);
        var rows = new List<IndicatorRow>();
        for (var month = 1; month <= last; month++)
        {
            var row = indicators.Compute(connection, new IndicatorQuery(year, month, RegionCodes.Level(code), tree.Parent(code)))
                .FirstOrDefault(r => r.RegionCode == code)
                ?? throw new UsageException($"trend: region {code} is not in the regions file (it is only the parent of regions in it); pick one of its regions.");
            rows.Add(row);
        }
        foreach (var warning in ListingNotes.For(connection, year, last, rows).Warnings()) Console.Error.WriteLine("warning: " + warning);
        // Same columns as `indicators`, one row per month, the month first.
        var rendered = IndicatorFormats.Render(rows, format);
        if (format == "csv")
        {
            var lines = rendered.TrimEnd('\n').Split('\n');
            Console.Out.Write("month," + lines[0] + "\n");
            for (var i = 1; i < lines.Length; i++) Console.Out.Write($"{year}-{i:00}," + lines[i] + "\n");
        }
        else if (format == "table")
        {
            Console.Out.WriteLine($"{tree.Name(code)}（{code}）{year}年逐月志愿服务指标，每月截至月末；排名为同级、同一上级区划中的名次");
            Console.Out.WriteLine($"{tree.Name(code)} ({code}), indicators month by month in {year}, each as of the month's end; rank among regions of the same level and parent");
            Console.Out.WriteLine();
            var lines = rendered.TrimEnd('\n').Split('\n');
            Console.Out.WriteLine("月份     " + lines[0]);
            Console.Out.WriteLine("─────────" + lines[1]);
            for (var i = 2; i < lines.Length; i++) Console.Out.WriteLine($"{year}-{i - 1:00}  " + lines[i]);
            if (rows.Count == 0) Console.Out.WriteLine($"（{year}年还没有数据 no data for {year} yet）");
        }
        else Console.Out.Write(rendered);
        return 0;
    }
}
