using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Reports.Briefings;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats briefing --month YYYY-MM [--region CODE] [--out DIR]</c> (CONTRACT §8): the monthly 简报 as .docx, .html
/// and .pdf in DIR (default <c>data/briefings/YYYY-MM/</c>); standard output lists the paths, one a line. Without
/// LibreOffice or the CJK fonts the .docx and .html are still written and standard error says what to install (exit 3).
/// </summary>
public static class BriefingCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var month = args.GetMonth("--month") ?? throw new UsageException("briefing: --month YYYY-MM is required.");
        var region = args.Get("--region");
        var folder = args.Get("--out")
            ?? Path.Combine(Environment.GetEnvironmentVariable("VOLSTATS_HOME") ?? ".", "data", "briefings", $"{month:yyyy-MM}");
        args.RejectUnknown();
        return ReportErrors.Guard(() =>
        {
            var (_, files) = services.GetRequiredService<BriefingService>()
                .WriteAsync(new BriefingRequest(month.Year, month.Month, region), folder, null, Console.Error.WriteLine, CancellationToken.None)
                .GetAwaiter().GetResult();
            foreach (var path in files.Paths) Console.Out.WriteLine(path);
            if (files.PdfError is null) return 0;
            Console.Error.WriteLine("error: " + files.PdfError);
            return 3;
        });
    }
}
