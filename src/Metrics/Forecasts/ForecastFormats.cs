using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Metrics.Forecasts;

/// <summary>CSV (exactly the columns of CONTRACT §10), JSON and the Chinese table of <c>forecast</c>.</summary>
public static class ForecastFormats
{
    public static readonly string[] Columns =
    [
        "region_code", "region_name", "level", "registered", "registered_low", "registered_high", "active", "active_low",
        "active_high", "total_hours", "total_hours_low", "total_hours_high", "registration_met", "active_met", "hours_met", "method",
    ];

    public static string Render(IReadOnlyList<ForecastRow> rows, string format) => format switch
    {
        "csv" => RenderCsv(rows),
        "json" => RenderJson(rows),
        _ => RenderTable(rows),
    };

    private static string N(double v) => Math.Round(v, 2).ToString("0.00", CultureInfo.InvariantCulture);
    private static string? Bool(bool? b) => b switch { true => "true", false => "false", null => null };

    public static string?[] CsvFields(ForecastRow r) =>
    [
        r.RegionCode, r.RegionName, r.Level,
        N(r.Registered.Expected), N(r.Registered.Low), N(r.Registered.High),
        N(r.Active.Expected), N(r.Active.Low), N(r.Active.High),
        N(r.TotalHours.Expected), N(r.TotalHours.Low), N(r.TotalHours.High),
        Bool(r.RegistrationMet), Bool(r.ActiveMet), Bool(r.HoursMet), r.Method,
    ];

    public static string RenderCsv(IReadOnlyList<ForecastRow> rows)
    {
        var writer = new StringWriter();
        Csv.Write(writer, Columns, rows.Select(CsvFields));
        return writer.ToString();
    }

    public static string RenderJson(IReadOnlyList<ForecastRow> rows)
    {
        static decimal D(double v) => Math.Round((decimal)v, 2);
        static decimal? Dn(double? v) => v is { } x ? Math.Round((decimal)x, 2) : null;
        var array = new JsonArray();
        foreach (var r in rows)
            array.Add(new JsonObject
            {
                ["region_code"] = r.RegionCode, ["region_name"] = r.RegionName, ["level"] = r.Level,
                ["registered"] = D(r.Registered.Expected), ["registered_low"] = D(r.Registered.Low), ["registered_high"] = D(r.Registered.High),
                ["active"] = D(r.Active.Expected), ["active_low"] = D(r.Active.Low), ["active_high"] = D(r.Active.High),
                ["total_hours"] = D(r.TotalHours.Expected), ["total_hours_low"] = D(r.TotalHours.Low), ["total_hours_high"] = D(r.TotalHours.High),
                ["registration_met"] = r.RegistrationMet, ["active_met"] = r.ActiveMet, ["hours_met"] = r.HoursMet, ["method"] = r.Method,
                ["population"] = r.Population, ["through_month"] = r.Through,
                ["registered_now"] = r.RegisteredNow, ["active_now"] = r.ActiveNow, ["total_hours_now"] = D(r.TotalHoursNow),
                ["volunteers_needed_per_month"] = Dn(r.VolunteersNeededPerMonth),
                ["active_needed_per_month"] = Dn(r.ActiveNeededPerMonth),
                ["hours_needed_per_month"] = Dn(r.HoursNeededPerMonth),
            });
        return array.ToJsonString(IndicatorFormats.JsonOutput) + "\n";
    }

    public static string RenderTable(IReadOnlyList<ForecastRow> rows)
    {
        static string Num(double v) => Math.Round(v).ToString("N0", CultureInfo.InvariantCulture);
        static string Range(ForecastValue v) => $"{Num(v.Low)}–{Num(v.High)}";
        static string Mark(bool? b) => b switch { true => "✓", false => "✗", null => "—" };
        static string Need(double? v) => v is { } x ? (x <= 0 ? "0" : Num(Math.Ceiling(x))) : "—";
        var header = new[]
        {
            "区划代码", "名称", "预计注册", "80%区间", "", "预计活跃", "80%区间", "", "预计时长", "80%区间", "",
            "每月还需注册", "每月还需激活", "每月还需时长", "方法",
        };
        var table = rows.Select(r => (IReadOnlyList<string>)
        [
            r.RegionCode, r.RegionName,
            Num(r.Registered.Expected), Range(r.Registered), Mark(r.RegistrationMet),
            Num(r.Active.Expected), Range(r.Active), Mark(r.ActiveMet),
            Num(r.TotalHours.Expected), Range(r.TotalHours), Mark(r.HoursMet),
            Need(r.VolunteersNeededPerMonth), Need(r.ActiveNeededPerMonth), Need(r.HoursNeededPerMonth), r.Method,
        ]).ToList();
        var writer = new StringWriter();
        if (rows.Count > 0)
            writer.WriteLine($"{rows[0].Through} 月底数据预测至 12 月 31 日（✓ 预计达标，✗ 预计未达标；区间为 80% 预测区间；“每月还需”为剩余各月为达标平均每月需新增的数量）");
        TextTable.Write(writer, header, table, new HashSet<int> { 2, 3, 5, 6, 8, 9, 11, 12, 13 });
        return writer.ToString();
    }
}
