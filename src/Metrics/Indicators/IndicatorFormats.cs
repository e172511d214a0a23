using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>The CSV, JSON and table renderings of indicator rows (CONTRACT §6); the API serves the same text.</summary>
public static class IndicatorFormats
{
    public static readonly string[] Columns =
    [
        "region_code", "region_name", "level", "parent_code", "population", "registered", "active", "total_hours",
        "registration_rate", "active_rate", "avg_hours", "hours_target", "registration_met", "active_met", "hours_met",
        "score", "rank", "volunteers_needed", "active_needed", "hours_needed",
    ];

    public static readonly JsonSerializerOptions JsonOutput = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int RateDecimals = 6, HourDecimals = 2, ScoreDecimals = 2;

    public static string Render(IReadOnlyList<IndicatorRow> rows, string format) => format switch
    {
        "csv" => RenderCsv(rows),
        "json" => RenderJson(rows),
        _ => RenderTable(rows),
    };

    public static string?[] CsvFields(IndicatorRow r) =>
    [
        r.RegionCode, r.RegionName, r.Level, r.ParentCode, r.Population?.ToString(CultureInfo.InvariantCulture),
        r.Registered.ToString(CultureInfo.InvariantCulture), r.Active.ToString(CultureInfo.InvariantCulture),
        r.TotalHours.Format(HourDecimals), r.RegistrationRate?.Format(RateDecimals), r.ActiveRate?.Format(RateDecimals),
        r.AvgHours?.Format(HourDecimals), r.HoursTarget.Format(HourDecimals), Bool(r.RegistrationMet), Bool(r.ActiveMet),
        Bool(r.HoursMet), r.Score.Format(ScoreDecimals), r.Rank.ToString(CultureInfo.InvariantCulture),
        r.VolunteersNeeded?.ToString(CultureInfo.InvariantCulture), r.ActiveNeeded.ToString(CultureInfo.InvariantCulture),
        r.HoursNeeded.Format(HourDecimals),
    ];

    private static string? Bool(bool? b) => b switch { true => "true", false => "false", null => null };

    public static string RenderCsv(IReadOnlyList<IndicatorRow> rows)
    {
        var writer = new StringWriter();
        Csv.Write(writer, Columns, rows.Select(CsvFields));
        return writer.ToString();
    }

    public static string RenderJson(IReadOnlyList<IndicatorRow> rows)
    {
        var array = new JsonArray();
        foreach (var r in rows)
        {
            array.Add(new JsonObject
            {
                ["region_code"] = r.RegionCode,
                ["region_name"] = r.RegionName,
                ["level"] = r.Level,
                ["parent_code"] = r.ParentCode,
                ["population"] = r.Population,
                ["registered"] = r.Registered,
                ["active"] = r.Active,
                ["total_hours"] = r.TotalHours.ToDecimal(HourDecimals),
                ["registration_rate"] = r.RegistrationRate?.ToDecimal(RateDecimals),
                ["active_rate"] = r.ActiveRate?.ToDecimal(RateDecimals),
                ["avg_hours"] = r.AvgHours?.ToDecimal(HourDecimals),
                ["hours_target"] = r.HoursTarget.ToDecimal(HourDecimals),
                ["registration_met"] = r.RegistrationMet,
                ["active_met"] = r.ActiveMet,
                ["hours_met"] = r.HoursMet,
                ["score"] = r.Score.ToDecimal(ScoreDecimals),
                ["rank"] = r.Rank,
                ["volunteers_needed"] = r.VolunteersNeeded,
                ["active_needed"] = r.ActiveNeeded,
                ["hours_needed"] = r.HoursNeeded.ToDecimal(HourDecimals),
            });
        }
        return array.ToJsonString(JsonOutput) + "\n";
    }

    /// <summary>The table for people, without title or notes (the API and trend use it as it is).</summary>
    public static string RenderTable(IReadOnlyList<IndicatorRow> rows) => RenderTable(rows, notes: null);

    /// <summary>
    /// The table for people: percentages, Chinese names, ✓/✗, thousands separators on every count and hour, laid out
    /// by display width. With <paramref name="notes"/>, a title naming the as-of date and the month the pro-rated
    /// hours target is for, and footnotes for regions without population and a year without service records.
    /// </summary>
    public static string RenderTable(IReadOnlyList<IndicatorRow> rows, ListingNotes? notes, string? levelName = null)
    {
        string Pct(Fraction? f) => f is { } v ? (v * new Fraction(100, 1)).Format(1) + "%" : "—";
        string Mark(bool? b) => b switch { true => "✓", false => "✗", null => "—" };
        var noPopulation = notes?.WithoutPopulation.Select(r => r.RegionCode).ToHashSet() ?? [];
        var header = new[] { "排名", "区划代码", "名称", "常住人口", "注册", "注册率", "", "活跃", "活跃率", "", "人均时长", "目标", "", "得分", "还需注册", "还需活跃", "还需时长" };
        var table = rows.Select(r => (IReadOnlyList<string>)
        [
            r.Rank.ToString("N0", CultureInfo.InvariantCulture), r.RegionCode, r.RegionName,
            r.Population?.ToString("N0", CultureInfo.InvariantCulture) ?? (noPopulation.Contains(r.RegionCode) ? "—¹" : "—"),
            r.Registered.ToString("N0", CultureInfo.InvariantCulture),
            Pct(r.RegistrationRate), Mark(r.RegistrationMet), r.Active.ToString("N0", CultureInfo.InvariantCulture), Pct(r.ActiveRate), Mark(r.ActiveMet),
            Grouped(r.AvgHours, 1), Grouped(r.HoursTarget, 1), Mark(r.HoursMet), r.Score.Format(1),
            r.VolunteersNeeded?.ToString("N0", CultureInfo.InvariantCulture) ?? "—", r.ActiveNeeded.ToString("N0", CultureInfo.InvariantCulture), Grouped(r.HoursNeeded, 0),
        ]).ToList();
        var writer = new StringWriter();
        if (notes is not null)
        {
            var target = rows.Count > 0 ? rows[0].HoursTarget : new Fraction(25 * notes.Month, 12);
            writer.WriteLine($"{notes.Year}年{(notes.Month == 1 ? "1" : $"1–{notes.Month}")}月{levelName}志愿服务指标，截至 {notes.AsOf:yyyy-MM-dd}；" +
                $"人均时长目标 {target.Format(1)} 小时（全年 25 小时按 {notes.Month} 个月折算）");
            writer.WriteLine($"Indicators {notes.Year} through {notes.AsOf:yyyy-MM-dd}; hours target {target.Format(1)} h = 25 × {notes.Month}/12 " +
                "(targets: registered ≥ 13% of residents, active ≥ 70% of registered, hours per registered ≥ target)");
            writer.WriteLine();
        }
        TextTable.Write(writer, header, table, new HashSet<int> { 0, 3, 4, 5, 7, 8, 10, 11, 13, 14, 15, 16 });
        if (notes is not null)
        {
            if (rows.Count == 0) writer.WriteLine("（没有区划 no regions at this level）");
            if (notes.WithoutPopulation.Count > 0)
                writer.WriteLine($"¹ 缺常住人口：注册率未知，得分中按 0 计 (no population for {notes.Year} or earlier: registration rate unknown, counts 0 in the score).");
            if (notes.NoServiceRecords)
                writer.WriteLine($"² {notes.Year}年没有服务时长记录：活跃与时长均为 0，得分最高 33.3 (no service records dated in {notes.Year}).");
        }
        return writer.ToString();
    }

    /// <summary>A value with thousands separators and <paramref name="decimals"/> decimals, "—" when unknown.</summary>
    public static string Grouped(Fraction? value, int decimals) =>
        value is { } v ? v.ToDecimal(decimals).ToString("N" + decimals, CultureInfo.InvariantCulture) : "—";
}
