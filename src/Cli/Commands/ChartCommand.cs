using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Reports.Charts;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats chart ranking|trend|coverage --year Y [--through YYYY-MM] [--level L] [--parent CODE] [--region CODE] --out FILE.png|FILE.svg</c>
/// (CONTRACT §8): the file is written, its path printed.
/// </summary>
public static class ChartCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var kindText = args.Positional.FirstOrDefault() ?? throw new UsageException("chart: which chart? ranking, trend or coverage.");
        var query = IndicatorsCommand.ParseQuery(args);
        var region = args.Get("--region");
        var output = args.Get("--out") ?? throw new UsageException("chart: --out FILE.png|FILE.svg is required.");
        args.RejectUnknown();
        return ReportErrors.Guard(() =>
        {
            var kind = ChartService.ParseKind(kindText);
            var format = ChartService.FormatOf(output);
            using var connection = services.GetRequiredService<Database>().OpenRead();
            var image = services.GetRequiredService<ChartService>().Draw(connection, new ChartRequest(kind, query, region), format);
            var dir = Path.GetDirectoryName(Path.GetFullPath(output));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.WriteAllBytes(output, image.Bytes);
            Console.Out.WriteLine(output);
            return 0;
        });
    }
}

/// <summary>The errors of the report verbs, said in words on standard error (exit 2) rather than as a stack trace.</summary>
internal static class ReportErrors
{
    public static int Guard(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is Reports.Scope.UnknownRegionException or Reports.Scope.ReportScopeException or CjkFontMissingException
                                      or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
    }
}
