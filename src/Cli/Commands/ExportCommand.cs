using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Reports.Exports;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats export --year Y [--through YYYY-MM] [--level L] [--parent CODE] --out FILE.xlsx</c> (CONTRACT §8): the
/// indicators of <c>indicators</c> as a workbook with the monthly trend, star volunteers and data quality.
/// </summary>
public static class ExportCommand
{
    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var query = IndicatorsCommand.ParseQuery(args);
        var output = args.Get("--out") ?? throw new UsageException("export: --out FILE.xlsx is required.");
        if (!output.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"export: --out must end in .xlsx; got '{output}'.");
        args.RejectUnknown();
        return ReportErrors.Guard(() =>
        {
            using var connection = services.GetRequiredService<Database>().OpenRead();
            var dir = Path.GetDirectoryName(Path.GetFullPath(output));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var temp = output + "." + Environment.ProcessId + ".tmp";
            try
            {
                using (var stream = File.Create(temp))
                    services.GetRequiredService<WorkbookExporter>().Write(connection, query, stream);
                File.Move(temp, output, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            Console.Out.WriteLine(output);
            return 0;
        });
    }
}
