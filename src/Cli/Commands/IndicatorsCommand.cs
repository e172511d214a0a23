using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats indicators --year Y [--through YYYY-MM] [--level L] [--parent CODE|NAME] [--format table|csv|json]</c>.</summary>
public static class IndicatorsCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var query = ParseQuery(args);
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var indicators = services.GetRequiredService<IndicatorService>();
        var month = query.Through ?? indicators.DefaultThrough(connection, query.Year);
        var rows = indicators.Compute(connection, query with { Through = month });
        var notes = ListingNotes.For(connection, query.Year, month, rows);
        foreach (var warning in notes.Warnings()) Console.Error.WriteLine("warning: " + warning);
        Console.Out.Write(format == "table"
            ? IndicatorFormats.RenderTable(rows, notes, LevelNames.GetValueOrDefault(query.Level))
            : IndicatorFormats.Render(rows, format));
        return 0;
    }

    public static readonly Dictionary<string, string> LevelNames = new()
    {
        ["province"] = "省级", ["city"] = "市级", ["district"] = "区县", ["street"] = "街道（乡镇）", ["community"] = "社区（村）",
    };

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
