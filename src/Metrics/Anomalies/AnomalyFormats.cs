using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Metrics.Anomalies;

/// <summary>CSV (exactly the columns of CONTRACT §10), JSON and the Chinese table of <c>anomalies</c>.</summary>
public static class AnomalyFormats
{
    public static readonly string[] Columns =
        ["kind", "score", "organization", "volunteer_id", "service_date", "records", "hours", "reason", "record_ids"];

    private static readonly Dictionary<string, string> KindNames = new()
    {
        [AnomalyKinds.Over24h] = "单日超24小时",
        [AnomalyKinds.BeforeRegistration] = "注册前服务",
        [AnomalyKinds.BulkEntry] = "批量录入",
        [AnomalyKinds.Burst] = "突击录入",
    };

    public static string Render(IReadOnlyList<AnomalyFlag> flags, string format) => format switch
    {
        "csv" => RenderCsv(flags),
        "json" => RenderJson(flags),
        _ => RenderTable(flags),
    };

    private static string Score(double s) => s.ToString("0.0000", CultureInfo.InvariantCulture);
    private static string Hours(double h) => Math.Round(h, 2).ToString("0.00", CultureInfo.InvariantCulture);

    public static string?[] CsvFields(AnomalyFlag f) =>
    [
        f.Kind, Score(f.Score), f.Organization, f.VolunteerId, f.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        f.Records.ToString(CultureInfo.InvariantCulture), Hours(f.Hours), f.Reason, string.Join(';', f.RecordIds),
    ];

    public static string RenderCsv(IReadOnlyList<AnomalyFlag> flags)
    {
        var writer = new StringWriter();
        Csv.Write(writer, Columns, flags.Select(CsvFields));
        return writer.ToString();
    }

    public static string RenderJson(IReadOnlyList<AnomalyFlag> flags)
    {
        var array = new JsonArray();
        foreach (var f in flags)
            array.Add(new JsonObject
            {
                ["kind"] = f.Kind, ["score"] = Math.Round((decimal)f.Score, 4), ["organization"] = f.Organization,
                ["volunteer_id"] = f.VolunteerId, ["service_date"] = f.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["records"] = f.Records, ["hours"] = Math.Round((decimal)f.Hours, 2), ["reason"] = f.Reason,
                ["record_ids"] = new JsonArray([.. f.RecordIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
            });
        return array.ToJsonString(IndicatorFormats.JsonOutput) + "\n";
    }

    public static string RenderTable(IReadOnlyList<AnomalyFlag> flags)
    {
        var header = new[] { "类型", "分数", "组织", "志愿者编号", "服务日期", "记录数", "时长", "说明", "记录" };
        var table = flags.Select(f => (IReadOnlyList<string>)
        [
            KindNames.GetValueOrDefault(f.Kind, f.Kind), Score(f.Score), f.Organization ?? "—", f.VolunteerId ?? "—",
            f.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Records.ToString("N0", CultureInfo.InvariantCulture), Hours(f.Hours),
            f.Reason, f.RecordIds.Count <= 2 ? string.Join(';', f.RecordIds) : $"{f.RecordIds[0]};{f.RecordIds[1]};…（共 {f.RecordIds.Count} 条）",
        ]).ToList();
        var writer = new StringWriter();
        writer.WriteLine(flags.Count == 0
            ? "没有发现需要复核的时长记录。"
            : $"需要复核的时长记录 {flags.Count} 处（分数越高越可疑；标记不改变任何指标）：");
        TextTable.Write(writer, header, table, new HashSet<int> { 1, 5, 6 });
        return writer.ToString();
    }
}
