using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Quality;
using VolunteerStats.Metrics.Stars;
using VolunteerStats.Reports.Charts;
using VolunteerStats.Reports.Scope;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// Gathers what a briefing says from the services that compute it: the region's row and its sub-regions'
/// listing (<c>indicators --parent REGION --level CHILD</c>), the same for the month before, the trend month by
/// month, stars and quality. Nothing is computed here but counts of flags and the choice of what to mention.
/// </summary>
public sealed class BriefingBuilder(IndicatorService indicators, StarService stars, QualityService quality, IOptions<BriefingOptions> options)
{
    /// <summary>The briefing's region: the request's, else configuration's, else the lowest region holding every registration.</summary>
    public string ResolveRegion(DuckDBConnection connection, BriefingRequest request, ReportScope scope)
    {
        var regions = ReportRegions.Load(connection);
        var code = request.Region is { } r ? regions.Resolve(r, "--region")
            : options.Value.Region is { Length: > 0 } c ? regions.Resolve(c, "Briefing:Region")
            : scope.Region ?? ChartService.DefaultRegion(connection, regions);
        if (scope.Region is not null && !scope.Allows(regions.Tree, code) && request.Region is null) code = scope.Region;
        scope.Require(regions.Tree, code);
        return code;
    }

    public BriefingContent Build(DuckDBConnection connection, BriefingRequest request, string region, int issue, DateOnly issuedOn, ReportScope scope,
        BriefingPhases? phases = null)
    {
        phases ??= new BriefingPhases();
        var regions = phases.Time("regions", () => ReportRegions.Load(connection));
        scope.Require(regions.Tree, region);
        var (year, month) = (request.Year, request.Month);
        var level = Ingest.Parsing.RegionCodes.Level(region);
        var own = phases.Time("indicators: region", () => regions.Row(indicators, connection, year, month, region));
        // Last month: registrations count at any date, so January compares with December of the year before.
        var (py, pm) = month == 1 ? (year - 1, 12) : (year, month - 1);
        IndicatorRow? ownLast = null;
        phases.Time("indicators: region last month", () =>
        {
            try { ownLast = regions.Row(indicators, connection, py, pm, region); } catch (UnknownRegionException) { }
        });
        var childLevel = regions.ChildLevel(region);
        var children = phases.Time("indicators: sub-regions", () => indicators.Compute(connection, new IndicatorQuery(year, month, childLevel, region)));
        var childrenLast = month == 1 ? null
            : phases.Time("indicators: sub-regions last month", () => indicators.Compute(connection, new IndicatorQuery(year, month - 1, childLevel, region)));
        var trend = phases.Time("indicators: trend", () => regions.Trend(indicators, connection, year, month, region));

        var asOf = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var volunteers = phases.Time("stars", () => stars.Volunteers(connection, asOf, region));
        var starSummary = phases.Time("stars: summary", () => Summarize(volunteers, regions));

        var findings = phases.Time("quality", () => quality.Build(connection, "rejects", "unmatched_records", "regions_without_population", "codes_not_in_regions"));
        var fileLevel = scope.Region is null;
        var totals = QualityService.Totals(findings);
        var withoutPopulation = findings.Where(f => f.Check == "regions_without_population" && regions.Tree.IsUnder(f.Subject, region))
            .Select(f => regions.Name(f.Subject)).ToList();
        var note = new QualityNote(fileLevel ? totals["rejects"] : 0, fileLevel ? totals["unmatched_records"] : 0, withoutPopulation,
            findings.Where(f => f.Check == "codes_not_in_regions" && regions.Tree.IsUnder(f.Subject, region)).Sum(f => f.Count), fileLevel,
            fileLevel ? phases.Time("suspicious hours (stored)", () => Metrics.Anomalies.AnomalyStore.Load(connection, year)) : null);

        var name = regions.Name(region);
        var o = options.Value;
        var office = new BriefingOffice(
            o.Masthead is { Length: > 0 } m ? m : $"{name}志愿服务工作简报",
            o.Office is { Length: > 0 } of ? of : $"{name}精神文明建设委员会办公室",
            o.ReportTo is { Length: > 0 } rt ? rt : $"{Short(name)}委、{Short(name)}政府领导",
            o.SendTo is { Length: > 0 } st ? st : $"{Short(name)}文明委各成员单位",
            o.IssueTo is { Length: > 0 } it ? it : $"各{Formatting.ChineseFormat.LevelNoun(childLevel)}文明办");
        return new BriefingContent(region, name, level, year, month, issue, issuedOn, office, own, ownLast, childLevel, children, childrenLast,
            trend, starSummary, note);
    }

    /// <summary>
    /// Star counts, the ten volunteers with most hours this year (then most in all, then by home region, name and
    /// organization) and the five organizations with most hours this year, in one pass over a city's volunteers
    /// (300k of them): a bounded heap for the ten, sums per organization as written before they are put on one line.
    /// </summary>
    internal static StarSummary Summarize(IReadOnlyList<VolunteerHours> volunteers, ReportRegions regions)
    {
        var byStars = new int[5];
        var heap = new PriorityQueue<VolunteerHours, VolunteerHours>(TopOrder.Instance);
        var perOrganization = new Dictionary<string, (Fraction Hours, int Volunteers)>(StringComparer.Ordinal);
        foreach (var v in volunteers)
        {
            var n = v.Stars;
            if (n > 0) byStars[n - 1]++;
            if (heap.Count < 10) heap.Enqueue(v, v);
            else if (TopOrder.Instance.Compare(v, heap.Peek()) > 0) heap.EnqueueDequeue(v, v);
            if (string.IsNullOrWhiteSpace(v.Organization)) continue;
            perOrganization[v.Organization] = perOrganization.TryGetValue(v.Organization, out var sum)
                ? (sum.Hours + v.ThisYear, sum.Volunteers + 1)
                : (v.ThisYear, 1);
        }
        var top = heap.UnorderedItems.Select(x => x.Element).OrderByDescending(v => v, TopOrder.Instance)
            .Select(v => new TopVolunteer(Formatting.ChineseFormat.OneLine(v.MaskedName), Formatting.ChineseFormat.OneLine(v.Organization),
                Formatting.ChineseFormat.OneLine(regions.Name(v.HomeRegion)), v.ThisYear, v.Cumulative, v.Stars))
            .ToList();
        var organizations = perOrganization
            .GroupBy(o => Formatting.ChineseFormat.OneLine(o.Key))
            .Select(g => (Name: g.Key, Hours: g.Aggregate(Fraction.Zero, (a, o) => a + o.Value.Hours), Volunteers: g.Sum(o => o.Value.Volunteers)))
            .OrderByDescending(o => o.Hours).ThenBy(o => o.Name, StringComparer.Ordinal).Take(5).ToList();
        return new StarSummary(byStars, top, organizations);
    }

    /// <summary>Ascending order of "more of a leader": this year's hours, then cumulative, then the earlier home region, name, organization.</summary>
    private sealed class TopOrder : IComparer<VolunteerHours>
    {
        public static readonly TopOrder Instance = new();

        public int Compare(VolunteerHours? a, VolunteerHours? b)
        {
            var c = a!.ThisYear.CompareTo(b!.ThisYear);
            if (c != 0) return c;
            c = a.Cumulative.CompareTo(b.Cumulative);
            if (c != 0) return c;
            c = string.CompareOrdinal(b.HomeRegion, a.HomeRegion);
            if (c != 0) return c;
            c = string.CompareOrdinal(b.MaskedName, a.MaskedName);
            return c != 0 ? c : string.CompareOrdinal(b.Organization, a.Organization);
        }
    }

    /// <summary>"杭州市" → "市" as in 市委, 市政府; "上城区" → "区".</summary>
    private static string Short(string name) => Formatting.ChineseFormat.Whole(name, "")[1..];
}
