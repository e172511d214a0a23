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
        return new IndicatorQuery(year, ParseThrough(args.Get("--through"), year),
            args.Choice("--level", "district", IndicatorService.Levels), args.Get("--parent"));
    }

    public static int? ParseThrough(string? text, int year)
    {
        if (text is null) return null;
        if (!DateTime.TryParseExact(text, ["yyyy-MM", "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new UsageException($"--through expects YYYY-MM, got '{text}'.");
        if (d.Year != year) throw new UsageException($"--through {text} is not in --year {year}.");
        return d.Month;
    }
}

