using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Charts;
using static VolunteerStats.Reports.Formatting.ChineseFormat;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// Writes the briefing's words from the numbers, as the monthly 通报 of city offices are written: the summary
/// paragraph, the sub-regions table (exactly <c>indicators --parent REGION</c>, in rank order), who is furthest
/// behind, what changed since last month, stars and organizations, a data-quality note and the charts.
/// </summary>
public static class BriefingComposer
{
    /// <summary>Widths (twips) of the sub-regions table; they sum to the text width 11906 − 1587 − 1474 = 8845.</summary>
    public static readonly int[] TableWidths = [480, 1445, 800, 1150, 800, 1150, 1150, 1000, 870];

    public static readonly string[] TableHeader = ["排名", "地区", "注册志愿者（人）", "注册率", "活跃志愿者（人）", "活跃率", "服务总时长（小时）", "人均时长（小时）", "得分"];

    public static BriefingDocument Compose(BriefingContent c, bool withCharts = true)
    {
        var body = new List<Block>();
        var r = c.Region;
        var whole = Whole(c.RegionName, c.RegionLevel);
        var children = LevelNoun(c.ChildLevel);
        var section = 0;
        var tables = c.SubRegions.Count > 0 ? 1 : 0;
        string Next() => Numeral(++section) + "、";

        body.Add(new Para($"根据全国文明城市测评体系志愿服务指标要求（注册志愿者占常住人口比例不低于13%，活跃志愿者占注册志愿者比例不低于70%，" +
            $"注册志愿者人均年服务时长不低于25小时，按月折算），现将截至{c.Year}年{c.Month}月底{whole}志愿服务指标情况通报如下。"));

        // 一、总体情况
        body.Add(new Heading(1, Next() + "总体情况"));
        body.Add(new Para(Summary(c, whole)));

        // 二、各地情况
        if (c.SubRegions.Count > 0)
        {
            body.Add(new Heading(1, Next() + $"各{children}情况"));
            body.Add(new Para(SubRegionOverview(c, children)));
            body.Add(SubRegionTable(c, children));
            if (Behind(c) is { } behind) { body.Add(new Heading(2, "（一）差距较大的地区")); body.Add(new Para(behind)); }
            if (Changes(c) is { } changes) { body.Add(new Heading(2, c.SubRegionsLastMonth is null ? "（二）本月情况" : "（二）与上月相比")); body.Add(new Para(changes)); }
        }

        // 三、星级志愿者和组织
        body.Add(new Heading(1, Next() + "星级志愿者和志愿服务组织"));
        var volunteersTable = c.Stars.TopVolunteers.Count > 0 ? ++tables : 0;
        body.Add(new Para(StarsText(c, whole, volunteersTable)));
        if (volunteersTable > 0) body.Add(TopVolunteersTable(c, volunteersTable));

        // 四、数据质量
        body.Add(new Heading(1, Next() + "数据质量"));
        body.Add(new Para(QualityText(c)));

        if (withCharts)
        {
            body.Add(new Heading(1, Next() + "图表"));
            var figure = 0;
            if (c.SubRegions.Count > 0)
            {
                var ranking = ChartRenderer.Ranking(c.SubRegions, $"各{children}志愿服务指标（{c.Year}年1—{c.Month}月）", ChartFormat.Png, ChartSize.Document);
                body.Add(new Figure($"图{++figure}  各{children}三项指标与目标（斜纹为未达标）", ranking.Bytes, ranking.Width, ranking.Height));
                var coverage = ChartRenderer.Coverage(c.SubRegions, $"各{children}注册、活跃志愿者与注册目标", ChartFormat.Png, ChartSize.Document);
                body.Add(new Figure($"图{++figure}  各{children}注册、活跃志愿者与常住人口13%", coverage.Bytes, coverage.Width, coverage.Height));
            }
            var trend = ChartRenderer.Trend(c.Trend, $"{c.RegionName}{c.Year}年逐月指标", ChartFormat.Png, ChartSize.Document);
            body.Add(new Figure($"图{++figure}  {c.RegionName}{c.Year}年1—{c.Month}月指标走势", trend.Bytes, trend.Width, trend.Height));
        }

        return new BriefingDocument(c, $"{c.RegionName}{c.Year}年{c.Month}月志愿服务指标通报", body);
    }

    internal static string Summary(BriefingContent c, string whole)
    {
        var r = c.Region;
        var s = $"截至{c.Month}月底，{whole}注册志愿者{Count(r.Registered)}人";
        s += r.RegistrationRate is { } rate ? $"，占常住人口{Percent(rate)}" : "（常住人口数据缺失，注册率暂无法计算）";
        if (c.RegionLastMonth is { } last)
        {
            var d = r.Registered - last.Registered;
            s += d > 0 ? $"，较上月增加{Count(d)}人" : d < 0 ? $"，较上月减少{Count(-d)}人" : "，与上月持平";
        }
        s += $"；活跃志愿者{Count(r.Active)}人";
        s += r.ActiveRate is { } ar ? $"，占注册志愿者的{Percent(ar)}" : "";
        s += $"；全年累计服务时长{Amount(r.TotalHours, 1)}小时";
        s += r.AvgHours is { } avg ? $"，人均{avg.Format(1)}小时（按月折算目标{r.HoursTarget.Format(1)}小时）。" : "。";
        var met = new List<string>();
        var notMet = new List<string>();
        (r.RegistrationMet == true ? met : notMet).Add("注册率");
        (r.ActiveMet == true ? met : notMet).Add("活跃率");
        (r.HoursMet == true ? met : notMet).Add("人均服务时长");
        s += met.Count == 3 ? "三项指标均已达标" : met.Count == 0 ? "三项指标均未达标" : $"三项指标中，{string.Join("、", met)}已达标，{string.Join("、", notMet)}未达标";
        var gaps = Gaps(r);
        s += gaps.Length > 0 ? $"，距达标尚需{gaps}" : "";
        s += $"；综合得分{r.Score.Format(2)}分。";
        return s;
    }

    /// <summary>"注册志愿者1,204人、活跃志愿者310人、服务时长5,230小时", the gaps that are not zero.</summary>
    internal static string Gaps(IndicatorRow r)
    {
        var parts = new List<string>();
        if (r.VolunteersNeeded is > 0) parts.Add($"注册志愿者{Count(r.VolunteersNeeded.Value)}人");
        if (r.ActiveNeeded > 0) parts.Add($"活跃志愿者{Count(r.ActiveNeeded)}人");
        if (r.HoursNeeded.CompareTo(Fraction.Zero) > 0) parts.Add($"服务时长{Hours(r.HoursNeeded, 0)}小时");
        return string.Join("、", parts);
    }

    private static string SubRegionOverview(BriefingContent c, string children)
    {
        var rows = c.SubRegions;
        int reg = rows.Count(x => x.RegistrationMet == true), act = rows.Count(x => x.ActiveMet == true), hrs = rows.Count(x => x.HoursMet == true);
        var all = rows.Count(x => x.RegistrationMet == true && x.ActiveMet == true && x.HoursMet == true);
        var top = string.Join("、", rows.Take(3).Select(x => OneLine(x.RegionName)));
        return $"{rows.Count}个{children}中，注册率达标{reg}个，活跃率达标{act}个，人均服务时长达标{hrs}个，三项均达标{all}个。" +
               $"综合得分居前的是{top}（见表1）。";
    }

    private static TableBlock SubRegionTable(BriefingContent c, string children)
    {
        // Registered, active and total hours exactly as `indicators --format csv` prints them.
        var rows = c.SubRegions.Select(x =>
        {
            var f = IndicatorFormats.CsvFields(x);
            return (IReadOnlyList<BriefingCell>)
            [
                new BriefingCell(f[16]!, Right: false),
                new BriefingCell(OneLine(x.RegionName), Right: false),
                new BriefingCell(f[5]!),
                new BriefingCell(Percent(x.RegistrationRate, 2), x.RegistrationMet, HasMark: true),
                new BriefingCell(f[6]!),
                new BriefingCell(Percent(x.ActiveRate, 2), x.ActiveMet, HasMark: true),
                new BriefingCell(f[7]!),
                new BriefingCell(x.AvgHours?.Format(2) ?? "—", x.HoursMet, HasMark: true),
                new BriefingCell(f[15]!),
            ];
        }).ToList();
        return new TableBlock($"表1  各{children}志愿服务指标排名（截至{c.Year}年{c.Month}月底）", TableHeader, rows, TableWidths,
            $"注：✓ 达标，✗ 未达标，— 无法计算（缺少常住人口或无注册志愿者）。人均时长目标按月折算为{c.Region.HoursTarget.Format(2)}小时。",
            c.SubRegions);
    }

    private static string? Behind(BriefingContent c)
    {
        var rows = c.SubRegions;
        if (rows.Count == 0) return null;
        var last = rows[^1];
        var s = $"{OneLine(last.RegionName)}综合得分{last.Score.Format(2)}分，排名末位";
        var gaps = Gaps(last);
        s += gaps.Length > 0 ? $"，距三项目标尚需{gaps}。" : "，但三项指标均已达标。";
        var parts = new List<string>();
        if (rows.Where(x => x.VolunteersNeeded is > 0).MaxBy(x => x.VolunteersNeeded) is { } v)
            parts.Add($"注册志愿者缺口最大的是{OneLine(v.RegionName)}（还需{Count(v.VolunteersNeeded!.Value)}人）");
        if (rows.Where(x => x.ActiveNeeded > 0).MaxBy(x => x.ActiveNeeded) is { } a)
            parts.Add($"活跃志愿者缺口最大的是{OneLine(a.RegionName)}（还需{Count(a.ActiveNeeded)}人）");
        if (rows.Where(x => x.HoursNeeded.CompareTo(Fraction.Zero) > 0).OrderByDescending(x => x.HoursNeeded).FirstOrDefault() is { } h)
            parts.Add($"服务时长缺口最大的是{OneLine(h.RegionName)}（还需{Hours(h.HoursNeeded, 0)}小时）");
        if (parts.Count > 0) s += string.Join("；", parts) + "。";
        var missing = rows.Where(x => x.Population is null).Select(x => OneLine(x.RegionName)).ToList();
        if (missing.Count > 0) s += $"{string.Join("、", missing)}缺少常住人口数据，注册率无法计算。";
        return s;
    }

    private static string? Changes(BriefingContent c)
    {
        if (c.SubRegionsLastMonth is not { } before)
            return $"本月为{c.Year}年首月，服务时长和活跃率自1月1日起重新累计，本期不作排名升降比较。";
        var previous = before.ToDictionary(x => x.RegionCode);
        var moves = c.SubRegions.Where(x => previous.ContainsKey(x.RegionCode))
            .Select(x => (Row: x, From: previous[x.RegionCode].Rank, Gain: x.Registered - previous[x.RegionCode].Registered)).ToList();
        var up = moves.Where(m => m.Row.Rank < m.From).OrderBy(m => m.Row.Rank - m.From).ThenBy(m => m.Row.Rank).Take(3).ToList();
        var down = moves.Where(m => m.Row.Rank > m.From).OrderByDescending(m => m.Row.Rank - m.From).ThenBy(m => m.Row.Rank).Take(3).ToList();
        var s = up.Count > 0
            ? "排名上升的有" + string.Join("、", up.Select(m => $"{OneLine(m.Row.RegionName)}（由第{m.From}位升至第{m.Row.Rank}位）")) + "；"
            : "各地排名均未上升；";
        s += down.Count > 0
            ? "排名下降的有" + string.Join("、", down.Select(m => $"{OneLine(m.Row.RegionName)}（由第{m.From}位降至第{m.Row.Rank}位）")) + "。"
            : "没有排名下降的地区。";
        if (moves.Where(m => m.Gain > 0).MaxBy(m => m.Gain) is { Row: not null } g && g.Gain > 0)
            s += $"本月新增注册志愿者最多的是{OneLine(g.Row.RegionName)}（增加{Count(g.Gain)}人）。";
        return s;
    }

    private static string StarsText(BriefingContent c, string whole, int table)
    {
        var st = c.Stars;
        if (st.Total == 0) return $"截至{c.Month}月底，{whole}尚无累计服务时长达到100小时的星级志愿者。";
        var levels = string.Join("、", Enumerable.Range(1, 5).Reverse().Where(i => st.ByStars[i - 1] > 0).Select(i => $"{Numeral(i)}星级{Count(st.ByStars[i - 1])}人"));
        var s = $"截至{c.Month}月底，{whole}共有星级志愿者{Count(st.Total)}人，其中{levels}。";
        if (st.TopVolunteers.Count > 0)
            s += $"本年服务时长居前的{st.TopVolunteers.Count}位志愿者见表{table}。";
        if (st.TopOrganizations.Count > 0)
            s += "本年服务时长居前的志愿服务组织有" + string.Join("、", st.TopOrganizations.Select(o => $"{o.Name}（{Count(o.Volunteers)}名志愿者，{Hours(o.Hours)}小时）")) + "。";
        return s;
    }

    private static TableBlock TopVolunteersTable(BriefingContent c, int number) =>
        new($"表{number}  本年服务时长居前的志愿者（截至{c.Year}年{c.Month}月底）",
            ["序号", "姓名", "所属组织", "地区", "本年时长（小时）", "累计时长（小时）", "星级"],
            c.Stars.TopVolunteers.Select((v, i) => (IReadOnlyList<BriefingCell>)
            [
                new BriefingCell((i + 1).ToString(), Right: false),
                new BriefingCell(v.MaskedName.Length > 0 ? v.MaskedName : "—", Right: false),
                new BriefingCell(v.Organization.Length > 0 ? v.Organization : "—", Right: false),
                new BriefingCell(v.RegionName, Right: false),
                new BriefingCell(Hours(v.ThisYear)),
                new BriefingCell(Hours(v.Cumulative)),
                new BriefingCell(v.Stars > 0 ? new string('★', v.Stars) : "—", Right: false),
            ]).ToList(),
            [600, 1100, 2700, 1400, 1100, 1100, 845],
            "注：姓名按规定隐去部分字符；星级按《志愿服务记录办法》以累计服务时长100、300、600、1000、1500小时分别认定为一至五星。");

    private static string Months(int through) => through == 1 ? "1月" : $"1—{through}月";

    private static string SuspiciousKind(string kind) => kind switch
    {
        Metrics.Anomalies.AnomalyKinds.Over24h => "单日累计超过24小时",
        Metrics.Anomalies.AnomalyKinds.BeforeRegistration => "服务日期早于注册日期",
        Metrics.Anomalies.AnomalyKinds.BulkEntry => "同一组织同日批量录入相同时长",
        Metrics.Anomalies.AnomalyKinds.Burst => "组织单日录入量异常激增",
        _ => kind,
    };

    private static string QualityText(BriefingContent c)
    {
        var q = c.Quality;
        var parts = new List<string>();
        if (q.FileLevelShown)
        {
            parts.Add(q.Rejects > 0 ? $"因格式或内容问题未能入库的记录{Count(q.Rejects)}条" : "没有因格式或内容问题未能入库的记录");
            parts.Add(q.Unmatched > 0 ? $"尚未匹配到注册信息的服务记录{Count(q.Unmatched)}条（补报注册信息后自动计入）" : "服务记录均已匹配到注册志愿者");
        }
        if (q.RegionsWithoutPopulation.Count > 0)
            parts.Add($"缺少常住人口数据的地区{q.RegionsWithoutPopulation.Count}个（{string.Join("、", q.RegionsWithoutPopulation.Take(5).Select(OneLine))}{(q.RegionsWithoutPopulation.Count > 5 ? "等" : "")}）");
        if (q.CodesNotInRegions > 0) parts.Add($"区划代码不在区划表中的注册记录{Count(q.CodesNotInRegions)}条");
        if (q.SuspiciousHours is { } check)
        {
            var flagged = check.ByKind.Where(k => k.Flags > 0).ToList();
            parts.Add(flagged.Count == 0
                ? $"经对{Months(check.Through)}服务记录筛查，未发现疑似虚报的服务时长"
                : $"经对{Months(check.Through)}服务记录筛查，疑似虚报、需复核的服务时长{flagged.Sum(k => k.Flags)}处，涉及记录{Count(flagged.Sum(k => k.Records))}条（" +
                  string.Join("，", flagged.Select(k => $"{SuspiciousKind(k.Kind)}{k.Flags}处")) + "），已提请有关单位核实；核实前仍计入上述指标");
        }
        var s = parts.Count > 0 ? "本期数据中，" + string.Join("；", parts) + "。" : "本期数据未发现需要核对的问题。";
        return s + "以上指标均按已入库数据计算，请各地及时核对、补报。";
    }
}
