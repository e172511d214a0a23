using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Metrics.Output;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats rejects [--format table|csv|json]</c>: every rejected row with file, line, kind, reason, raw text, the
/// field that decided the reason and the XLSX sheet (CONTRACT §6), in ingest order.
/// </summary>
public static class RejectsCommand
{
    public static readonly string[] Header = ["file", "line", "kind", "reason", "raw", "field", "sheet"];

    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var rows = connection.Query(SqlScripts.Load("Storage/Rejects.sql"))
            .Select(r => new Reject(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)))
            .ToList();
        switch (format)
        {
            case "csv":
                Csv.Write(Console.Out, Header, rows.Select(r => new[] { r.File, r.Line.ToString(CultureInfo.InvariantCulture), r.Kind, r.Reason, r.Raw, r.Field, r.Sheet }));
                break;
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object>
                {
                    ["file"] = r.File, ["line"] = r.Line, ["kind"] = r.Kind, ["reason"] = r.Reason, ["raw"] = r.Raw, ["field"] = r.Field, ["sheet"] = r.Sheet,
                }), IngestCommand.Json));
                break;
            default:
                if (rows.Count == 0)
                {
                    Console.Out.WriteLine("没有拒收行 no rejected rows.");
                    break;
                }
                var anySheet = rows.Any(r => r.Sheet.Length > 0);
                string[] header = anySheet ? ["文件 file", "工作表 sheet", "行 line", "原因 reason", "字段 field", "原始内容 raw"] : ["文件 file", "行 line", "原因 reason", "字段 field", "原始内容 raw"];
                var table = rows.Select(r =>
                {
                    var reason = $"{RejectReason.Chinese.GetValueOrDefault(r.Reason, r.Reason)} {r.Reason}";
                    var raw = Shorten(r.Raw.Replace("\r", "").Replace("\n", "⏎").Replace('\t', '|'), 80);
                    var line = r.Line.ToString("N0", CultureInfo.InvariantCulture);
                    return (IReadOnlyList<string>)(anySheet ? [r.File, r.Sheet, line, reason, r.Field, raw] : [r.File, line, reason, r.Field, raw]);
                }).ToList();
                TextTable.Write(Console.Out, header, table, new HashSet<int> { anySheet ? 2 : 1 });
                Console.Out.WriteLine($"共 {rows.Count:N0} 行 ({rows.Count:N0} rows); ./volstats rejects --format csv gives the full raw text.");
                break;
        }
        return 0;
    }

    private sealed record Reject(string File, long Line, string Kind, string Reason, string Raw, string Field, string Sheet);

    private static string Shorten(string s, int width)
    {
        if (TextTable.Width(s) <= width) return s;
        var sb = new System.Text.StringBuilder();
        var w = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            var rw = TextTable.Width(rune.ToString());
            if (w + rw > width - 1) break;
            sb.Append(rune.ToString());
            w += rw;
        }
        return sb.Append('…').ToString();
    }
}
