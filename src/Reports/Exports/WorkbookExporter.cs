using DuckDB.NET.Data;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Quality;
using VolunteerStats.Metrics.Stars;
using VolunteerStats.Reports.Formatting;
using VolunteerStats.Reports.Scope;

namespace VolunteerStats.Reports.Exports;

/// <summary>
/// The analyst's workbook (CONTRACT §8): the §6 columns in §6 order under one header row (Chinese titles as each
/// header cell's input message and on the 字段说明 sheet), one region a row in rank order; then the monthly trend,
/// the star volunteers and the data-quality findings. Every number is the one <c>indicators</c> prints.
/// </summary>
public sealed class WorkbookExporter(IndicatorService indicators, StarService stars, QualityService quality)
{
    /// <summary>Chinese title and meaning of each §6 column, in §6 order.</summary>
    public static readonly (string Title, string Meaning)[] ColumnTitles =
    [
        ("区划代码", "GB/T 2260 或统计用区划代码"),
        ("地区名称", "行政区划名称"),
        ("层级", "province 省 / city 市 / district 区县 / street 街道乡镇 / community 社区村"),
        ("上级区划代码", "直接上级的区划代码"),
        ("常住人口", "该年度常住人口（无当年数据时取最近年度）"),
        ("注册志愿者", "截至月底的注册志愿者人数（已注销的不计）"),
        ("活跃志愿者", "本年度有服务时长的注册志愿者人数"),
        ("服务总时长（小时）", "本年度1月1日至月底的有效服务时长合计"),
        ("注册率", "注册志愿者 ÷ 常住人口，目标 ≥ 13%"),
        ("活跃率", "活跃志愿者 ÷ 注册志愿者，目标 ≥ 70%"),
        ("人均服务时长（小时）", "服务总时长 ÷ 注册志愿者"),
        ("人均时长目标（小时）", "全年25小时按月折算：25 × 月数 ÷ 12"),
        ("注册率达标", "TRUE 达标 / FALSE 未达标 / 空 无法计算"),
        ("活跃率达标", "TRUE 达标 / FALSE 未达标 / 空 无法计算"),
        ("人均时长达标", "TRUE 达标 / FALSE 未达标 / 空 无法计算"),
        ("综合得分", "三项指标完成度（封顶100%）的平均 × 100"),
        ("排名", "按综合得分、注册率、区划代码排序"),
        ("还需注册", "达到13%还需增加的注册志愿者人数"),
        ("还需活跃", "达到70%还需增加的活跃志愿者人数"),
        ("还需时长（小时）", "达到人均目标还需增加的服务时长"),
    ];

    private static readonly CellKind[] ColumnKinds =
    [
        CellKind.Text, CellKind.Text, CellKind.Text, CellKind.Text, CellKind.Integer, CellKind.Integer, CellKind.Integer, CellKind.Decimal,
        CellKind.Rate, CellKind.Rate, CellKind.Decimal, CellKind.Decimal, CellKind.Flag, CellKind.Flag, CellKind.Flag, CellKind.Decimal,
        CellKind.Integer, CellKind.Integer, CellKind.Integer, CellKind.Decimal,
    ];

    private static readonly double[] ColumnWidths = [14, 16, 10, 14, 12, 12, 12, 14, 11, 11, 12, 12, 10, 10, 10, 10, 7, 12, 12, 14];

    /// <summary>Writes the workbook of <paramref name="query"/> (as <c>indicators</c> reads it) to <paramref name="stream"/>.</summary>
    public void Write(DuckDBConnection connection, IndicatorQuery query, Stream stream, ReportScope? scope = null)
    {
        scope ??= ReportScope.Everything;
        var regions = ReportRegions.Load(connection);
        var month = query.Through ?? indicators.DefaultThrough(connection, query.Year);
        var parent = query.Parent is { } p ? regions.Resolve(p, "--parent") : null;
        if (parent is not null) scope.Require(regions.Tree, parent);
        query = query with { Through = month, Parent = parent };
        var rows = scope.Filter(regions.Tree, indicators.Compute(connection, query));

        using var book = new XlsxBook(stream);
        book.AddSheet("指标 indicators", IndicatorFormats.Columns, rows.Select(IndicatorCells), ColumnWidths,
            ColumnTitles.Select((t, i) => (t.Title, $"{IndicatorFormats.Columns[i]}: {t.Meaning}")).ToList());

        // Monthly trend: every listed region, January through the month, each month computed as `indicators` would.
        var codes = rows.Select(r => r.RegionCode).ToHashSet();
        var trend = new List<IReadOnlyList<XCell>>();
        for (var m = 1; m <= month; m++)
        {
            var monthRows = indicators.Compute(connection, query with { Through = m }).Where(r => codes.Contains(r.RegionCode));
            trend.AddRange(monthRows.Select(r => (IReadOnlyList<XCell>)[$"{query.Year}-{m:00}", .. IndicatorCells(r)]));
        }
        book.AddSheet("逐月趋势 trend", ["month", .. IndicatorFormats.Columns], trend, [10, .. ColumnWidths]);

        // Star volunteers in the listed regions (under --parent, else everybody in scope), most hours first.
        var asOf = new DateOnly(query.Year, month, DateTime.DaysInMonth(query.Year, month));
        var starRegion = parent ?? scope.Region;
        var volunteers = stars.Volunteers(connection, asOf, starRegion).Where(v => v.Stars > 0)
            .OrderByDescending(v => v.Cumulative).ThenBy(v => v.HomeRegion, StringComparer.Ordinal).ToList();
        book.AddSheet("星级志愿者 stars", ["姓名", "所属组织", "区划代码", "区划名称", "星级", "累计服务时长（小时）", "本年服务时长（小时）"],
            volunteers.Select(v => (IReadOnlyList<XCell>)
            [
                ChineseFormat.OneLine(v.MaskedName), ChineseFormat.OneLine(v.Organization), v.HomeRegion, regions.Name(v.HomeRegion),
                XCell.Int(v.Stars), new XCell(CellKind.Decimal, v.Cumulative.Format(2)), new XCell(CellKind.Decimal, v.ThisYear.Format(2)),
            ]), [10, 28, 14, 16, 7, 16, 16]);

        var findings = QualityFindings(connection, regions, scope);
        book.AddSheet("数据质量 quality", ["检查项", "check", "对象", "数量", "示例"],
            findings.Select(f => (IReadOnlyList<XCell>)[QualityLabel(f.Check), f.Check, ChineseFormat.OneLine(f.Subject), XCell.Int(f.Count), ChineseFormat.OneLine(f.Example)]),
            [22, 26, 36, 10, 40]);

        book.AddSheet("字段说明 columns", ["column", "中文名称", "说明"],
            ColumnTitles.Select((t, i) => (IReadOnlyList<XCell>)[IndicatorFormats.Columns[i], t.Title, t.Meaning]), [20, 22, 60]);
    }

    /// <summary>One region's §6 fields as cells: the CSV's text for every number, so the workbook and the CSV agree to the digit.</summary>
    public static IReadOnlyList<XCell> IndicatorCells(IndicatorRow row)
    {
        var fields = IndicatorFormats.CsvFields(row);
        var cells = new XCell[fields.Length];
        for (var i = 0; i < fields.Length; i++)
            cells[i] = new XCell(ColumnKinds[i], ColumnKinds[i] == CellKind.Text ? ChineseFormat.OneLine(fields[i]) is { Length: > 0 } s ? s : null : fields[i]);
        return cells;
    }

    /// <summary>
    /// Findings the scope may see: for a region-limited caller only those about its regions (file-level findings
    /// such as rejects concern every region and are left out).
    /// </summary>
    internal List<QualityFinding> QualityFindings(DuckDBConnection connection, ReportRegions regions, ReportScope scope)
    {
        var all = quality.Build(connection);
        if (scope.Region is null) return all;
        return all.Where(f => f.Check is "regions_without_population" or "codes_not_in_regions" or "id_check_digit_wrong"
            && regions.Tree.IsUnder(f.Subject, scope.Region)).ToList();
    }

    public static string QualityLabel(string check) => check switch
    {
        "rejects" => "被拒绝的记录",
        "unmatched_records" => "未匹配到注册信息的服务记录",
        "regions_without_population" => "缺少常住人口的地区",
        "codes_not_in_regions" => "不在区划表中的区划代码",
        "id_check_digit_wrong" => "身份证校验位错误",
        "volunteer_days_over_24h" => "单日服务超过24小时",
        "records_before_registration" => "服务日期早于注册日期",
        _ => check,
    };
}
