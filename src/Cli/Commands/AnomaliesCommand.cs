using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

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
        var database = services.GetRequiredService<Database>();
        List<AnomalyFlag> flags;
        int through;
        string version;
        string? code;
        using (var connection = database.OpenRead())
        {
            code = region is null ? null : RegionResolver.Resolve(connection, region, "--region");
            through = query.Through ?? services.GetRequiredService<IndicatorService>().DefaultThrough(connection, query.Year);
            flags = services.GetRequiredService<AnomalyService>().Find(connection, new AnomalyQuery(query.Year, through, code));
            version = AnomalyStore.DataVersion(connection);
        }
        if (code is null) Store(database, query.Year, through, flags, version, services.GetRequiredService<TimeProvider>());
        Console.Out.Write(AnomalyFormats.Render(flags, format));
        return 0;
    }

    /// <summary>
    /// Keeps the flags of the whole database for <c>quality</c> and the briefing, as the server's nightly job does.
    /// A database a server owns is left to the server (its job stores the same flags).
    /// </summary>
    private static void Store(Database database, int year, int through, List<AnomalyFlag> flags, string version, TimeProvider clock)
    {
        try
        {
            using var connection = database.OpenWrite();
            if (AnomalyStore.DataVersion(connection) == version)
                AnomalyStore.Save(connection, year, through, flags, clock.GetUtcNow().UtcDateTime, version);
        }
        catch (DatabaseLockedException)
        {
        }
    }
}
