using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Stars;
using VolunteerStats.Reports.Briefings;
using VolunteerStats.Reports.Formatting;
using VolunteerStats.Reports.Scope;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports.Briefings;

public class BriefingBuilderTests
{
    [Fact]
    public void Summarize_GivesTheStarServicesCountsAndLeaders_WhenVolunteersTieOnHours()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var regions = ReportRegions.Load(db.Connection);
        var volunteers = new StarService().Volunteers(db.Connection, new DateOnly(2024, 10, 31), "330100");
        // Ties on this year's hours (the seed's rare-named volunteers serve the same hours) and many volunteers.
        var many = volunteers.Concat(volunteers.Select(v => v with { HomeRegion = "330105" })).ToList();

        var summary = BriefingBuilder.Summarize(many, regions);

        Assert.Equal(Enumerable.Range(1, 5).Select(s => many.Count(v => v.Stars == s)), summary.ByStars);
        var leaders = many.OrderByDescending(v => v.ThisYear).ThenByDescending(v => v.Cumulative).ThenBy(v => v.HomeRegion, StringComparer.Ordinal)
            .ThenBy(v => v.MaskedName, StringComparer.Ordinal).ThenBy(v => v.Organization, StringComparer.Ordinal).Take(10).ToList();
        Assert.Equal(leaders.Select(v => (ChineseFormat.OneLine(v.MaskedName), ChineseFormat.OneLine(regions.Name(v.HomeRegion)), v.ThisYear)),
            summary.TopVolunteers.Select(t => (t.MaskedName, t.RegionName, t.ThisYear)));
        var organizations = many.Where(v => !string.IsNullOrWhiteSpace(v.Organization)).GroupBy(v => ChineseFormat.OneLine(v.Organization))
            .Select(g => (g.Key, g.Aggregate(Fraction.Zero, (a, v) => a + v.ThisYear), g.Count()))
            .OrderByDescending(o => o.Item2).ThenBy(o => o.Key, StringComparer.Ordinal).Take(5);
        Assert.Equal(organizations, summary.TopOrganizations);
    }
}
