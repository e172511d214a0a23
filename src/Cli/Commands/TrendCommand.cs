using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Stars;

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
        if (!RegionCodes.TryNormalize(region, out var code)) throw new UsageException($"trend: '{region}' is not a 6, 9 or 12-digit region code.");
        var last = indicators.DefaultThrough(connection, year);
        var rows = new List<IndicatorRow>();
        for (var month = 1; month <= last; month++)
        {
            var row = indicators.Compute(connection, new IndicatorQuery(year, month, RegionCodes.Level(code), tree.Parent(code)))
                .FirstOrDefault(r => r.RegionCode == code)
                ?? throw new UsageException($"trend: region {code} is not in the regions file.");
            rows.Add(row);
        }
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
            Console.Out.WriteLine($"{tree.Name(code)} ({code}) {year}年 逐月指标 — rank is among regions of the same level and parent");
            var lines = rendered.TrimEnd('\n').Split('\n');
            Console.Out.WriteLine("月份     " + lines[0]);
            Console.Out.WriteLine("         " + lines[1]);
            for (var i = 2; i < lines.Length; i++) Console.Out.WriteLine($"{year}-{i - 1:00}  " + lines[i]);
        }
        else Console.Out.Write(rendered);
        return 0;
    }
}
