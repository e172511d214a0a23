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

    /// <summary>--year, --through, --level, --parent as every verb that lists regions reads them.</summary>
    public static IndicatorQuery ParseQuery(ParsedArgs args)
    {
        try
        {
            return IndicatorQueryParser.Parse(args.Get("--year"), args.Get("--through"), args.Get("--level"), args.Get("--parent"), "--");
        }
        catch (IndicatorQueryException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

