using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats rejects [--format table|csv]</c>: file, line, kind, reason, raw; in ingest order.</summary>
public static class RejectsCommand
{
    public static readonly string[] Header = ["file", "line", "kind", "reason", "raw"];

    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var format = args.Choice("--format", "table", "table", "csv");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var rows = connection.Query(SqlScripts.Load("Storage/Rejects.sql"))
            .Select(r => new[] { r.GetString(0), r.GetInt64(1).ToString(), r.GetString(2), r.GetString(3), r.GetString(4) })
            .ToList();
        if (format == "csv") Csv.Write(Console.Out, Header, rows);
        else TextTable.Write(Console.Out, Header, rows.Select(r => (IReadOnlyList<string>)[r[0], r[1], r[2], r[3], r[4].Replace("\n", "⏎")]).ToList(), new HashSet<int> { 1 });
        return 0;
    }
}
