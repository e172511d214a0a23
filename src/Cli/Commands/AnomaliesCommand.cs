using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats anomalies --year Y [--through YYYY-MM] [--region CODE] [--format table|csv|json]</c>: hours that
/// deserve a second look, most suspicious first (CONTRACT §10). Flags never change the indicators.
/// </summary>
public static class AnomaliesCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        if (args.Get("--level") is not null || args.Get("--parent") is not null)
            throw new UsageException("anomalies: use --region CODE to choose a region (it takes no --level or --parent).");
        var query = IndicatorsCommand.ParseQuery(args);
        var region = args.Get("--region");
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        string? code = null;
        if (region is not null)
        {
            if (!RegionCodes.TryNormalize(region, out var normalized))
                throw new UsageException($"anomalies: '{region}' is not a 6, 9 or 12-digit region code.");
            if (IndicatorService.ListRegions(connection).All(r => r.Code != normalized))
                throw new UsageException($"anomalies: region {normalized} is not in the regions file.");
            code = normalized;
        }
        var flags = services.GetRequiredService<AnomalyService>().Find(connection, new AnomalyQuery(query.Year, query.Through, code));
        Console.Out.Write(AnomalyFormats.Render(flags, format));
        return 0;
    }
}
