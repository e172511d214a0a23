using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats indicators --year Y [--through YYYY-MM] [--level L] [--parent CODE] [--format table|csv|json]</c>.</summary>
public static class IndicatorsCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var query = ParseQuery(args);
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var rows = services.GetRequiredService<IndicatorService>().Compute(connection, query);
        Console.Out.Write(IndicatorFormats.Render(rows, format));
        return 0;
    }

    public static IndicatorQuery ParseQuery(ParsedArgs args)
    {
        var year = args.GetInt("--year") ?? throw new UsageException("indicators: --year Y is required.");
        return new IndicatorQuery(year, ParseThrough(args, year),
            args.Choice("--level", "district", IndicatorService.Levels), args.Get("--parent"));
    }

    private static int? ParseThrough(ParsedArgs args, int year)
    {
        if (args.GetMonth("--through") is not { } through) return null;
        if (through.Year != year) throw new UsageException($"--through {args.Get("--through")} is not in --year {year}.");
        return through.Month;
    }
}

