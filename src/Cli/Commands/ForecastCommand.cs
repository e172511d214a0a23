using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats forecast --year Y --through YYYY-MM [--level L] [--parent CODE] [--format table|csv|json]</c>: December
/// forecasts for the regions <c>indicators</c> lists, from data dated up to the end of <c>--through</c> (CONTRACT §10).
/// Trains (and stores beside the database) what it needs when no model is current for the data.
/// </summary>
public static class ForecastCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var query = IndicatorsCommand.ParseQuery(args);
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var through = query.Through ?? services.GetRequiredService<IndicatorService>().DefaultThrough(connection, query.Year);
        var rows = services.GetRequiredService<ForecastService>()
            .Forecast(connection, new ForecastQuery(query.Year, through, query.Level, query.Parent));
        Console.Out.Write(ForecastFormats.Render(rows, format));
        return 0;
    }
}
