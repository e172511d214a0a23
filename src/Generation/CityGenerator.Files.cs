using System.Globalization;
using System.Text;

namespace VolunteerStats.Generation;

/// <summary>One written export: its name, data rows written and deliberately bad rows by expected reject reason.</summary>
public sealed record WrittenFile(string Name, int Rows, IReadOnlyDictionary<string, int> Bad);

public sealed partial class CityGenerator
{
    private static readonly string[] RosterHeader = ["志愿者编号", "姓名", "证件号码", "性别", "出生日期", "注册时间", "所属区划代码", "所属组织", "政治面貌", "状态", "注销时间"];
    private static readonly string[] HoursHeader = ["记录编号", "志愿者编号", "证件号码", "项目编号", "项目名称", "发布组织", "服务日期", "服务时长（小时）", "服务类别"];
    private const int HoursColumn = 7;
    private const int DateColumn = 6;

    private enum BadShape { Fields, TooFewFields, OpenQuote }

    /// <summary>A deliberately bad row: the reason the loader is expected to give, and how it is broken.</summary>
    private sealed record BadRow(string Reason, string?[] Fields, BadShape Shape = BadShape.Fields);

    private sealed record CsvLayout(Encoding Encoding, string Newline, string[] Titles, bool PadTitles = false, int[]? Order = null);

    private int _nextBadVolunteer = 1;
    private int _nextBadRecord = 1;

    private IReadOnlyList<WrittenFile> WriteFiles()
    {
        var files = new List<WrittenFile>();
        var n = 1;
        string Next(string stem, string ext) => $"{n++:00}_{stem}.{ext}";

        files.Add(WriteRegions(Next("regions", "csv")));
        files.Add(WritePopulation(Next("population", "csv")));
        for (var month = 1; month <= LastMonth; month++)
        {
            switch (month)
            {
                case 1:
                    files.Add(WriteRosterCsv(Next("roster_2024-01", "csv"), 1, new CsvLayout(CsvExport.Utf8Bom, "\r\n", []), DateStyle.DateTime, DateStyle.Iso,
                        [Bad("malformed_row", RosterBad(1), BadShape.TooFewFields), Bad("missing_field", RosterBad(1, 5, "")),
                         Bad("bad_region", RosterBad(1, 6, "33010")), Bad("bad_date", RosterBad(1, 5, "2023-02-30")),
                         Bad("future_date", RosterBad(1, 5, Formats.Date(FutureDay, DateStyle.Iso)))]));
                    break;
                case 4:
                    files.Add(_options.Plain
                        ? WriteRosterCsv(Next("roster_2024-04", "csv"), 4, new CsvLayout(CsvExport.Utf8Bom, "\n", []), DateStyle.DateTime, DateStyle.Iso, [])
                        : WriteRosterXlsx(Next("roster_2024-04", "xlsx"), 4));
                    break;
                case 7:
                    files.Add(WriteRosterCsv(Next("roster_2024-07", "csv"), 7,
                        new CsvLayout(CsvExport.Utf8, "\n", ["杭州市志愿者注册信息", "导出时间：2024-07-31 18:05:12"]), DateStyle.Slash, DateStyle.Chinese,
                        [Bad("bad_region", RosterBad(7, 6, "3301080010011")), Bad("future_date", RosterBad(7, 5, "2204-07-15")),
                         Bad("missing_field", RosterBad(7, 0, "")), Bad("malformed_row", RosterBad(7), BadShape.OpenQuote)]));
                    break;
                case 10:
                    files.Add(WriteRosterCsv(Next("roster_2024-10", "csv"), 10,
                        new CsvLayout(CsvExport.Gb18030, "\r\n", ["杭州市志愿者注册信息", "导出时间：2024-10-31"], PadTitles: true), DateStyle.Dot, DateStyle.Compact,
                        [Bad("bad_date", RosterBad(10, 5, "2024/9/31")), Bad("missing_field", RosterBad(10, 6, ""))]));
                    break;
            }
            files.Add(month == 8 && !_options.Plain ? WriteHoursXlsx(Next("hours_2024-08", "xlsx"), 8) : WriteHoursCsv(Next($"hours_2024-{month:00}", "csv"), month));
        }
        return files;
    }

    private DateOnly FutureDay => _options.Today.AddDays(400);

    private static BadRow Bad(string reason, string?[] fields, BadShape shape = BadShape.Fields) => new(reason, fields, shape);

    // ---------------------------------------------------------------- regions and population

    private WrittenFile WriteRegions(string name)
    {
        var rows = Hangzhou.Flatten(_province).Select(r => new string?[] { r.Code, r.Name, r.ParentCode, r.Level }).ToList();
        // A renamed community arrives as a later row with the same code (updated).
        var renamed = rows.Last(r => r[3] == "社区");
        rows.Add([renamed[0], renamed[1]!.Replace("社区", "新社区"), renamed[2], renamed[3]]);
        var bad = new List<BadRow>
        {
            Bad("bad_region", ["33010", "未知区", Hangzhou.CityCode, "区县"]),
            Bad("missing_field", ["330102009", "", "330102", "街道"]),
            Bad("malformed_row", ["330102099", "测试街道", "330102", "街道"], BadShape.TooFewFields),
        };
        return WriteCsv(name, new CsvLayout(CsvExport.Utf8Bom, "\r\n", []), ["区划代码", "名称", "上级代码", "级别"], rows, bad, null);
    }

    private WrittenFile WritePopulation(string name)
    {
        var rows = new List<string?[]>();
        string Pop(long real, double growth = 1.0) => Math.Max(1, (long)Math.Round(real * PopulationFactor * growth)).ToString(CultureInfo.InvariantCulture);
        var city = _province.Children[0];
        rows.Add([city.Code, "2023", Pop(city.RealPopulation, 0.988)]);
        rows.Add([city.Code, "2024", Pop(city.RealPopulation)]);
        string[] earlierOnly = ["330122", "330127", "330182"];
        foreach (var d in city.Children)
        {
            if (d.Code is "330102" or "330105") rows.Add([d.Code, "2022", Pop(d.RealPopulation, 0.975)]);
            rows.Add([d.Code, "2023", Pop(d.RealPopulation, 0.988)]);
            if (!earlierOnly.Contains(d.Code)) rows.Add([d.Code, "2024", Pop(d.RealPopulation)]);
        }
        foreach (var street in city.Children.SelectMany(d => d.Children))
        {
            if (street.Code == "330114003") continue; // 钱塘区河庄街道: no population published
            rows.Add([street.Code, street.Code.EndsWith('4') ? "2023" : "2024", Pop(street.RealPopulation)]);
            foreach (var c in street.Children) rows.Add([c.Code, "2024", Pop(c.RealPopulation)]);
        }
        // A preliminary figure revised later in the same file (updated), and a repeated row (unchanged).
        var revised = rows.First(r => r[0] == "330108" && r[1] == "2024");
        rows.Insert(rows.IndexOf(revised), [revised[0], revised[1], Pop(560_000, 0.97)]);
        rows.Add([.. rows[0]]);
        var bad = new List<BadRow>
        {
            Bad("bad_number", ["330106001", "2024", "约5万"]),
            Bad("bad_number", ["330109001", "2024", "-1200"]),
            Bad("bad_number", ["330110001", "2024.5", "3000"]),
            Bad("missing_field", ["330111001", "2024", ""]),
            Bad("bad_region", ["3301O2", "2024", "1500"]),
        };
        return WriteCsv(name, new CsvLayout(CsvExport.Gb18030, "\r\n", ["杭州市常住人口统计（单位：人）"], PadTitles: true), ["区划代码", "年份", "常住人口"], rows, bad, null);
    }

    // ---------------------------------------------------------------- rosters

    private IEnumerable<Registration> Snapshot(int month) =>
        _registrations.Where(r => r.VisibleAt(month)).OrderBy(r => r.VolunteerId, StringComparer.Ordinal);

    private WrittenFile WriteRosterCsv(string name, int month, CsvLayout layout, DateStyle registeredStyle, DateStyle birthStyle, List<BadRow> bad)
    {
        if (_options.Plain) (registeredStyle, birthStyle) = (DateStyle.DateTime, DateStyle.Iso);
        var rows = Snapshot(month).Select(r => RosterFields(r, month, Formats.Mostly(_random, registeredStyle, _options.Plain ? 0 : 3), birthStyle)).ToList();
        return WriteCsv(name, layout, RosterHeader, rows, bad, ["合计", $"{rows.Count}人"]);
    }

    private string?[] RosterFields(Registration r, int month, DateStyle registeredStyle, DateStyle birthStyle)
    {
        var p = r.Person;
        var cancelled = r.IsCancelledIn(month);
        return
        [
            r.VolunteerId, p.Name, p.IdNumber, p.Male ? "男" : "女", Formats.Date(p.Birth, birthStyle),
            Formats.Date(r.RegisteredAt, registeredStyle), r.Home.Code, r.OrganizationAt(month), p.Political,
            cancelled ? "注销" : "正常", cancelled ? Formats.Date(r.CancelledAt!.Value, DateStyle.Iso) : "",
        ];
    }

    /// <summary>A roster row of a real volunteer under a fresh volunteer_id, with one field replaced.</summary>
    private string?[] RosterBad(int month, int field = -1, string? value = null)
    {
        var template = _registrations[_random.Next(_registrations.Count)];
        var fields = RosterFields(template, month, DateStyle.DateTime, DateStyle.Iso);
        fields[0] = $"ZJ{90_000_000 + _nextBadVolunteer++}";
        fields[9] = "正常";
        fields[10] = "";
        if (field >= 0) fields[field] = value;
        return fields;
    }

    private WrittenFile WriteRosterXlsx(string name, int month)
    {
        var rows = new List<object?[]>();
        foreach (var r in Snapshot(month))
        {
            var p = r.Person;
            var cancelled = r.IsCancelledIn(month);
            rows.Add([r.VolunteerId, p.Name, p.IdNumber, p.Male ? "男" : "女", p.Birth.ToDateTime(TimeOnly.MinValue), r.RegisteredAt,
                r.Home.Code, r.OrganizationAt(month), p.Political, cancelled ? "注销" : "正常", cancelled ? r.CancelledAt!.Value.ToDateTime(TimeOnly.MinValue) : null]);
        }
        var bad = new List<(string Reason, object?[] Cells)>
        {
            ("missing_field", XlsxBad(RosterBad(month, 6, null))),
            ("bad_date", XlsxBad(RosterBad(month, 5, "2024年13月1日"))),
            ("bad_region", XlsxBad(RosterBad(month, 6, "3301021"))),
        };
        return WriteXlsx(name, ["杭州市志愿者注册信息（2024年4月）"], RosterHeader, rows, bad, ["合计", $"{rows.Count}人"]);
    }

    private static object?[] XlsxBad(string?[] fields) => fields.Select(f => (object?)(string.IsNullOrEmpty(f) ? null : f)).ToArray();

    // ---------------------------------------------------------------- service hours

    /// <summary>The month's records plus the last five days of the previous month again (exports overlap).</summary>
    private List<(ServiceRecord Record, bool Repeat)> HoursRows(int month)
    {
        var previousEnd = month > 1 ? Registration.EndOf(month - 1) : DateOnly.MinValue;
        var rows = new List<(ServiceRecord, bool)>();
        foreach (var r in _records)
        {
            if (r.Date.Month == month) rows.Add((r, false));
            else if (month > 1 && r.Date.Month == month - 1 && r.Date > previousEnd.AddDays(-5))
            {
                rows.Add((r, true));
            }
        }
        return rows;
    }

    private static readonly (Encoding Encoding, string Newline, DateStyle Date, HoursStyle Hours)[] HoursFormats =
    [
        (CsvExport.Utf8, "\n", DateStyle.Iso, HoursStyle.Decimal),
        (CsvExport.Gb18030, "\r\n", DateStyle.Slash, HoursStyle.Suffix),
        (CsvExport.Utf8Bom, "\r\n", DateStyle.Dot, HoursStyle.HoursMinutes),
        (CsvExport.Utf8, "\n", DateStyle.Compact, HoursStyle.Minutes),
        (CsvExport.Gb18030, "\r\n", DateStyle.Chinese, HoursStyle.Decimal),
        (CsvExport.Utf8Bom, "\n", DateStyle.DateTime, HoursStyle.Suffix),
        (CsvExport.Utf8, "\r\n", DateStyle.Iso, HoursStyle.Decimal),
        (CsvExport.Utf8, "\n", DateStyle.Iso, HoursStyle.Decimal),
        (CsvExport.Gb18030, "\r\n", DateStyle.Slash, HoursStyle.HoursMinutes),
        (CsvExport.Gb18030, "\r\n", DateStyle.Iso, HoursStyle.Decimal),
    ];

    private WrittenFile WriteHoursCsv(string name, int month)
    {
        var (encoding, newline, dateStyle, hoursStyle) = HoursFormats[month - 1];
        var mixed = _options.Plain ? 0 : 5;
        if (_options.Plain) (dateStyle, hoursStyle) = (DateStyle.Iso, HoursStyle.Decimal);
        var rows = new List<string?[]>();
        decimal total = 0;
        foreach (var (record, repeat) in HoursRows(month))
        {
            // About 4 % of the repeated rows carry a corrected number of hours: the first export had it wrong.
            var hours = record.Hours;
            if (!repeat && record.Date.Day > Registration.EndOf(month).Day - 5 && _random.Next(100) < 4)
                record.FirstHours = hours <= 1m || _random.Next(2) == 0 ? hours + 1m : hours - 0.5m;
            if (!repeat) hours = record.FirstHours;
            total += hours;
            rows.Add(HoursFields(record, hours, Formats.Mostly(_random, dateStyle, mixed), Formats.Mostly(_random, hoursStyle, mixed)));
        }
        var exported = Registration.EndOf(month).AddDays(5);
        string[] titles = month % 3 == 0 ? [] : ["志愿服务时长统计表", $"导出时间：{exported:yyyy-MM-dd}"];
        int[]? order = month == 6 && !_options.Plain ? [6, 0, 1, 2, 4, 3, 7, 8, 5] : null;
        var totals = new string?[HoursHeader.Length];
        totals[0] = "合计";
        totals[HoursColumn] = total.ToString("0.##", CultureInfo.InvariantCulture);
        return WriteCsv(name, new CsvLayout(encoding, newline, titles, PadTitles: month % 2 == 0, order), HoursHeader, rows, HoursBadRows(month), month % 3 == 2 ? null : totals);
    }

    private string?[] HoursFields(ServiceRecord r, decimal hours, DateStyle dateStyle, HoursStyle hoursStyle)
    {
        var reg = r.Registration;
        var serviceTime = r.Date.ToDateTime(new TimeOnly(8 + (int)(reg.RegisteredAt.Ticks % 11), (int)(r.Project.Id.Length * 7 % 60), 0));
        return
        [
            r.Id, r.IdNumberOnly ? "" : reg.VolunteerId, reg.Person.IdNumber, r.Project.Id, r.Project.Name, r.Project.Organization,
            Formats.Date(serviceTime, dateStyle), Formats.Hours(hours, hoursStyle), r.Project.Category,
        ];
    }

    /// <summary>A service row of a real volunteer under a fresh record number, with one field replaced.</summary>
    private string?[] HoursBad(int month, int field = -1, string? value = null)
    {
        var candidates = _records.Where(r => r.Date.Month == month).ToList();
        var template = candidates.Count > 0 ? candidates[_random.Next(candidates.Count)] : _records[0];
        var fields = HoursFields(template, template.Hours, DateStyle.Iso, HoursStyle.Decimal);
        fields[0] = $"FW{9_000_001 + _nextBadRecord++}";
        if (fields[1] == "") fields[1] = template.Registration.VolunteerId;
        if (field >= 0) fields[field] = value;
        return fields;
    }

    private List<BadRow> HoursBadRows(int month)
    {
        var future = Formats.Date(FutureDay, DateStyle.Iso);
        return month switch
        {
            1 => [Bad("bad_hours", HoursBad(1, HoursColumn, "0")), Bad("bad_hours", HoursBad(1, HoursColumn, "-1")), Bad("malformed_row", HoursBad(1), BadShape.TooFewFields)],
            2 => [Bad("bad_hours", HoursBad(2, HoursColumn, "25")), Bad("missing_field", HoursBad(2, HoursColumn, "")), Bad("bad_date", HoursBad(2, DateColumn, "2024-02-30"))],
            3 => [Bad("bad_hours", HoursBad(3, HoursColumn, "abc")), Bad("future_date", HoursBad(3, DateColumn, future)), Bad("missing_field", HoursBad(3, DateColumn, ""))],
            4 => [Bad("bad_date", HoursBad(4, DateColumn, "2024.13.01")), Bad("malformed_row", HoursBad(4), BadShape.OpenQuote)],
            5 => [Bad("bad_hours", HoursBad(5, HoursColumn, "25小时")), Bad("future_date", HoursBad(5, DateColumn, "2204-05-18"))],
            6 => [Bad("missing_field", Blank(HoursBad(6), 1, 2)), Bad("bad_hours", HoursBad(6, HoursColumn, "-1"))],
            7 => [Bad("bad_date", HoursBad(7, DateColumn, "2024年7月32日")), Bad("bad_hours", HoursBad(7, HoursColumn, "0"))],
            9 => [Bad("malformed_row", HoursBad(9), BadShape.TooFewFields), Bad("bad_hours", HoursBad(9, HoursColumn, "abc"))],
            10 => [Bad("future_date", HoursBad(10, DateColumn, future)), Bad("bad_date", HoursBad(10, DateColumn, "20241035")), Bad("bad_hours", HoursBad(10, HoursColumn, "30小时"))],
            _ => [],
        };
    }

    private static string?[] Blank(string?[] fields, params int[] columns)
    {
        foreach (var c in columns) fields[c] = "";
        return fields;
    }

    private WrittenFile WriteHoursXlsx(string name, int month)
    {
        var rows = new List<object?[]>();
        decimal minutes = 0;
        foreach (var (record, repeat) in HoursRows(month))
        {
            var m = (long)(record.Hours * 60);
            minutes += m;
            var reg = record.Registration;
            rows.Add([record.Id, record.IdNumberOnly ? null : reg.VolunteerId, reg.Person.IdNumber, record.Project.Id, record.Project.Name,
                record.Project.Organization, record.Date.ToDateTime(TimeOnly.MinValue), (double)m, record.Project.Category]);
        }
        string?[] Cells(int field, string? v) => HoursBad(month, field, v);
        object?[] WithCell(string?[] fields, int column, object? value)
        {
            var cells = XlsxBad(fields);
            cells[column] = value;
            return cells;
        }
        var bad = new List<(string, object?[])>
        {
            ("bad_hours", WithCell(Cells(-1, null), HoursColumn, 0d)),
            ("bad_hours", WithCell(Cells(-1, null), HoursColumn, 1560d)),
            ("bad_hours", WithCell(Cells(-1, null), HoursColumn, "abc")),
            ("future_date", WithCell(Cells(-1, null), DateColumn, FutureDay.ToDateTime(TimeOnly.MinValue))),
        };
        var header = HoursHeader.ToArray();
        header[HoursColumn] = "服务时长（分钟）";
        var exported = Registration.EndOf(month).AddDays(5);
        return WriteXlsx(name, ["志愿服务时长统计表", $"导出时间：{exported:yyyy-MM-dd}"], header, rows, bad, ["合计", null, null, null, null, null, null, (double)minutes, null]);
    }

    // ---------------------------------------------------------------- writers

    private WrittenFile WriteCsv(string name, CsvLayout layout, string[] header, List<string?[]> rows, List<BadRow> bad, string?[]? totals)
    {
        if (_options.Plain) (layout, bad, totals) = (new CsvLayout(CsvExport.Utf8Bom, "\n", []), [], null);
        var order = layout.Order ?? Enumerable.Range(0, header.Length).ToArray();
        string?[] Reorder(string?[] fields) => order.Select(i => i < fields.Length ? fields[i] : null).ToArray();

        var items = rows.Select(r => (Row: r, Bad: (BadRow?)null)).ToList();
        foreach (var b in bad.Where(b => b.Shape != BadShape.OpenQuote))
            items.Insert(_random.Next(items.Count + 1), (b.Fields, b));

        using var csv = new CsvExport(Path.Combine(_options.OutDir, name), layout.Encoding, layout.Newline);
        foreach (var title in layout.Titles)
            csv.Raw(layout.PadTitles ? title + new string(',', header.Length - 1) : title);
        csv.Row(Reorder(header));
        foreach (var (row, b) in items)
        {
            if (b?.Shape == BadShape.TooFewFields) csv.Raw(string.Join(',', Reorder(row).Take(header.Length / 2)));
            else csv.Row(Reorder(row));
        }
        // An unbalanced quote: its field opens and never closes. Written last so that no later quote closes it.
        foreach (var b in bad.Where(b => b.Shape == BadShape.OpenQuote))
        {
            var fields = Reorder(b.Fields).Select(f => (f ?? "").Replace("\"", "").Replace(",", "，").Replace("\n", "")).ToArray();
            fields[1] = "\"" + fields[1];
            csv.Raw(string.Join(',', fields));
        }
        if (totals is not null) csv.Row(totals.Concat(Enumerable.Repeat<string?>(null, header.Length - totals.Length)).ToArray());
        return new WrittenFile(name, rows.Count + bad.Count, bad.GroupBy(b => b.Reason).ToDictionary(g => g.Key, g => g.Count()));
    }

    private WrittenFile WriteXlsx(string name, string[] titles, string[] header, List<object?[]> rows, List<(string Reason, object?[] Cells)> bad, object?[] totals)
    {
        var items = rows.ToList();
        foreach (var (_, cells) in bad) items.Insert(_random.Next(items.Count + 1), cells);
        var columns = Enumerable.Range(0, header.Length).Select(i => ((char)('A' + i)).ToString()).ToArray();
        Dictionary<string, object?> Line(IReadOnlyList<object?> cells) =>
            columns.Select((c, i) => (c, i < cells.Count ? cells[i] : null)).ToDictionary(x => x.c, x => x.Item2);

        var sheet = new List<Dictionary<string, object?>>();
        sheet.AddRange(titles.Select(t => Line([t])));
        sheet.Add(Line(header));
        sheet.AddRange(items.Select(Line));
        sheet.Add(Line(totals));
        var path = Path.Combine(_options.OutDir, name);
        if (File.Exists(path)) File.Delete(path);
        MiniExcelLibs.MiniExcel.SaveAs(path, sheet, printHeader: false, sheetName: "Sheet1");
        ReproducibleXlsx.Normalize(path);
        return new WrittenFile(name, rows.Count + bad.Count, bad.GroupBy(b => b.Reason).ToDictionary(g => g.Key, g => g.Count()));
    }
}
