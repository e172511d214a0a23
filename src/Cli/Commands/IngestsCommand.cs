using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats ingests [--format table|csv|json]</c>: the files loaded, newest first, as <c>GET /api/ingests</c> lists them.</summary>
public static class IngestsCommand
{
    public static readonly string[] Header =
        ["file_id", "file", "kind", "ingested_at", "rows_read", "inserted", "updated", "unchanged", "unmatched", "rejected", "rejected_by_reason"];

    private sealed record Row(long FileId, string File, string Kind, DateTime IngestedAt, long RowsRead, long Inserted, long Updated,
        long Unchanged, long Unmatched, long Rejected, Dictionary<string, long> ByReason);

    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var format = args.Choice("--format", "table", "table", "csv", "json");
        args.RejectUnknown();
        using var connection = services.GetRequiredService<Database>().OpenRead();
        var rows = connection.Query(SqlScripts.Load("Storage/Ingests.sql"))
            .Select(r => new Row(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDateTime(3), r.GetInt64(4), r.GetInt64(5),
                r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9),
                JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(10)) ?? []))
            .ToList();
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        switch (format)
        {
            case "csv":
                Csv.Write(Console.Out, Header, rows.Select(r => new[]
                {
                    r.FileId.ToString(CultureInfo.InvariantCulture), r.File, r.Kind, r.IngestedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    r.RowsRead.ToString(CultureInfo.InvariantCulture), r.Inserted.ToString(CultureInfo.InvariantCulture), r.Updated.ToString(CultureInfo.InvariantCulture),
                    r.Unchanged.ToString(CultureInfo.InvariantCulture), r.Unmatched.ToString(CultureInfo.InvariantCulture), r.Rejected.ToString(CultureInfo.InvariantCulture),
                    JsonSerializer.Serialize(r.ByReason),
                }));
                break;
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object>
                {
                    ["file_id"] = r.FileId, ["file"] = r.File, ["kind"] = r.Kind, ["ingested_at"] = r.IngestedAt, ["rows_read"] = r.RowsRead,
                    ["inserted"] = r.Inserted, ["updated"] = r.Updated, ["unchanged"] = r.Unchanged, ["unmatched"] = r.Unmatched,
                    ["rejected"] = r.Rejected, ["rejected_by_reason"] = r.ByReason,
                }), IngestCommand.Json));
                break;
            default:
                if (rows.Count == 0)
                {
                    Console.Out.WriteLine("还没有导入任何文件 no files loaded yet: ./volstats ingest FILE…");
                    break;
                }
                var kinds = FileKind.All.ToDictionary(k => k.Name, k => k.ChineseName);
                TextTable.Write(Console.Out, ["导入时间 loaded", "文件 file", "类型 kind", "读取", "新增", "更新", "未变", "未匹配", "拒收", "拒收原因 reasons"],
                    rows.Select(r => (IReadOnlyList<string>)
                    [
                        r.IngestedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.File, kinds.GetValueOrDefault(r.Kind, r.Kind),
                        N(r.RowsRead), N(r.Inserted), N(r.Updated), N(r.Unchanged), N(r.Unmatched), N(r.Rejected),
                        string.Join(", ", r.ByReason.Select(b => $"{RejectReason.Chinese.GetValueOrDefault(b.Key, b.Key)} {N(b.Value)}")),
                    ]).ToList(), new HashSet<int> { 3, 4, 5, 6, 7, 8 });
                Console.Out.WriteLine($"共 {N(rows.Count)} 个文件 ({N(rows.Count)} files), newest first; ./volstats rejects lists the rejected rows.");
                break;
        }
        return 0;
    }
}
