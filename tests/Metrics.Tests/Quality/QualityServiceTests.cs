using VolunteerStats.Metrics.Quality;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Quality;

public class QualityServiceTests
{
    [Fact]
    public void Build_ReportsEachCheck_WhenDataHasThatProblem()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("pop.csv", "区划代码,年份,常住人口\n330102,2024,100\n");
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,110105194912310021,2024-03-01,330106,正常,\nV2,李四,,2024-01-01,330102,正常,\nV3,王五,,2024-01-01,3301,正常,\n");
        db.IngestText("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-02-01,2,P\nR2,V2,,2024-02-01,20,P\nR3,V2,,2024-02-01,5,Q\nR4,V9,,2024-02-01,1,P\n");
        var totals = QualityService.Totals(new QualityService().Build(db.Connection));
        Assert.Equal(1, totals["rejects"]);
        Assert.Equal(1, totals["unmatched_records"]);
        Assert.Equal(5, totals["regions_without_population"]);
        Assert.Equal(1, totals["codes_not_in_regions"]);
        Assert.Equal(1, totals["id_check_digit_wrong"]);
        Assert.Equal(1, totals["volunteer_days_over_24h"]);
        Assert.Equal(1, totals["records_before_registration"]);
    }

    [Fact]
    public void Build_ReturnsTheNamedChecksAsTheFullReport_WhenChecksAreNamed()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV2,李四,,2024-01-01,330102,正常,\nV3,王五,,2024-01-01,3301,正常,\n");
        db.IngestText("hours.csv", Samples.HoursHeader + "\nR2,V2,,2024-02-01,20,P\nR3,V2,,2024-02-01,5,Q\nR4,V9,,2024-02-01,1,P\nR5,V9,,2024-02-02,1,P\n");
        var service = new QualityService();
        string[] named = ["unmatched_records", "codes_not_in_regions"];
        var some = service.Build(db.Connection, named);
        Assert.Equal(service.Build(db.Connection).Where(f => named.Contains(f.Check)), some);
        Assert.Equal(2, some.Single(f => f.Check == "unmatched_records").Count);
        Assert.DoesNotContain(some, f => f.Check == "volunteer_days_over_24h");
    }

    [Fact]
    public void Build_Throws_WhenACheckIsUnknown()
    {
        using var db = new TestDb();
        Assert.Throws<ArgumentException>(() => new QualityService().Build(db.Connection, "rejects'; DROP TABLE files; --"));
    }
}
