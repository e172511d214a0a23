using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Stars;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Stars;

public class StarServiceTests
{
    [Theory]
    [InlineData(99, 0)]
    [InlineData(100, 1)]
    [InlineData(299, 1)]
    [InlineData(300, 2)]
    [InlineData(600, 3)]
    [InlineData(1000, 4)]
    [InlineData(1500, 5)]
    [InlineData(4000, 5)]
    public void StarsFor_FollowsThresholds(int hours, int stars) => Assert.Equal(stars, StarService.StarsFor(new Fraction(hours, 1)));

    [Fact]
    public void Volunteers_CountsCumulativeHoursUpToAsOfDate_AcrossYears()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三明,,2020-01-01,330102001,正常,\nV2,李四,,2020-01-01,330105,注销,2023-06-01\n");
        var hours = string.Join("\n", Enumerable.Range(0, 60).Select(i => $"R{i},V1,,{2022 + i / 30}-0{1 + i % 9}-{10 + i % 15},5,P"))
            + "\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"S{i},V2,,2023-0{1 + i % 9}-{10 + i % 15},5,P"));
        db.IngestText("hours.csv", Samples.HoursHeader + "\n" + hours + "\n");
        var all = new StarService().Volunteers(db.Connection, new DateOnly(2023, 12, 31));
        var v1 = Assert.Single(all); // V2 is cancelled at D
        Assert.Equal("张*明", v1.MaskedName);
        Assert.Equal(new Fraction(300, 1), v1.Cumulative);
        Assert.Equal(2, v1.Stars);
        Assert.Equal(new Fraction(150, 1), v1.ThisYear);
        Assert.Single(new StarService().Volunteers(db.Connection, new DateOnly(2023, 12, 31), "330102"));
        Assert.Empty(new StarService().Volunteers(db.Connection, new DateOnly(2023, 12, 31), "330105"));
    }
}
