using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Indicators;

/// <summary>Hand-computed cases for each edge of CONTRACT §5.</summary>
public class GoldenIndicatorTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    private const string Regions = """
        区划代码,名称,上级代码
        330100,杭州市,
        330102,上城区,330100
        330105,拱墅区,330100
        330106,西湖区,330100
        330102001,清波街道,330102
        330102002,湖滨街道,330102
        """;

    private List<IndicatorRow> Compute(string level, int year, int? through, string? parent = null) =>
        new IndicatorService().Compute(_db.Connection, new IndicatorQuery(year, through, level, parent));

    private IndicatorRow Row(string level, string code, int year = 2024, int? through = 3) =>
        Compute(level, year, through).Single(r => r.RegionCode == code);

    private void Load(string roster, string hours = "", string population = "区划代码,年份,常住人口\n")
    {
        _db.IngestText("regions.csv", Regions);
        _db.IngestText("population.csv", population);
        _db.IngestText("roster.csv", Samples.RosterHeader + "\n" + roster);
        if (hours.Length > 0) _db.IngestText("hours.csv", Samples.HoursHeader + "\n" + hours);
    }

    [Fact]
    public void Compute_CountsRegistration_WhenRegisteredOnAsOfDate()
    {
        Load("V1,张三,,2024-03-31,330102001,正常,\nV2,李四,,2024-04-01,330102001,正常,\n");
        Assert.Equal(1, Row("street", "330102001").Registered);
        Assert.Equal(2, Row("street", "330102001", through: 4).Registered);
    }

    [Fact]
    public void Compute_DropsCancelled_OnTheDayAndNotBefore()
    {
        Load("V1,张三,,2024-01-01,330102,注销,2024-03-31\nV2,李四,,2024-01-01,330102,注销,2024-04-01\nV3,王五,,2024-01-01,330102,注销,\nV4,赵六,,2024-01-01,330102,,2024-04-01\n");
        Assert.Equal(2, Row("district", "330102").Registered);        // V2 and V4 cancelled only from April 1st
        Assert.Equal(0, Row("district", "330102", through: 4).Registered);
    }

    [Fact]
    public void Compute_CountsTwinOnceAtEarliestHome_AndUntilAllRegistrationsCancelled()
    {
        Load("V1,张三,11010519491231002X,2024-02-01,330105,注销,2024-03-15\nV2,张三,11010519491231002x,2024-01-10,330102001,正常,\n",
             "R1,V1,,2024-03-01,2,P\nR2,,11010519491231002X,2024-03-02,1,P\n");
        var street = Row("street", "330102001");
        Assert.Equal((1L, 1L), (street.Registered, street.Active));
        Assert.Equal(new Fraction(3, 1), street.TotalHours);
        Assert.Equal(0, Row("district", "330105").Registered);
        Assert.Equal(1, Row("city", "330100").Registered);
    }

    [Fact]
    public void Compute_CountsDistrictLevelRegistration_InDistrictButNoStreet()
    {
        Load("V1,张三,,2024-01-01,330102,正常,\nV2,李四,,2024-01-01,330102001,正常,\n", "R1,V1,,2024-02-01,5,P\n");
        Assert.Equal(2, Row("district", "330102").Registered);
        Assert.Equal(new Fraction(5, 1), Row("district", "330102").TotalHours);
        Assert.Equal(1, Row("street", "330102001").Registered);
        Assert.Equal(0, Row("street", "330102002").Registered);
        Assert.Equal(2, Row("city", "330100").Registered);
    }

    [Fact]
    public void Compute_UsesLatestEarlierPopulation_AndFlagsUnknown()
    {
        Load("V1,张三,,2024-01-01,330102,正常,\n", population: "区划代码,年份,常住人口\n330102,2022,100\n330102,2023,10\n330102,2025,1\n330105,2024,0\n");
        var d = Row("district", "330102");
        Assert.Equal(10, d.Population);
        Assert.Equal(new Fraction(1, 10), d.RegistrationRate);
        Assert.False(d.RegistrationMet);
        Assert.Equal(1, d.VolunteersNeeded); // ⌈(130 − 100) / 100⌉
        var zero = Row("district", "330105");
        Assert.Null(zero.Population);
        Assert.Null(zero.RegistrationRate);
        Assert.Null(zero.RegistrationMet);
        Assert.Null(zero.VolunteersNeeded);
        Assert.Null(Row("district", "330106").Population);
    }

    [Fact]
    public void Compute_MeetsTargetsExactlyAtBoundary_ForMonths1And12()
    {
        // 100 residents, 13 registered, 10 with hours: 70 % active needs ⌈9.1⌉ = 10.
        var roster = string.Join("\n", Enumerable.Range(1, 13).Select(i => $"V{i},张三,,2023-06-01,330102,正常,")) + "\n";
        // January: target 25/12 h each → 13 × 25/12 = 325/12 h in all: 9 × 2.5 h plus 275 minutes, exactly.
        var hours = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"R{i},V{i},,2024-01-15,{(i == 10 ? "275分钟" : "2.5")},P")) + "\n";
        Load(roster, hours, "区划代码,年份,常住人口\n330102,2024,100\n");
        var jan = Row("district", "330102", through: 1);
        Assert.True(jan.RegistrationMet);
        Assert.True(jan.ActiveMet);
        Assert.Equal(new Fraction(25, 12), jan.HoursTarget);
        Assert.Equal(new Fraction(325, 12), jan.TotalHours);
        Assert.True(jan.HoursMet);
        Assert.Equal(new Fraction(100, 1), jan.Score);
        var dec = Row("district", "330102", through: 12);
        Assert.False(dec.HoursMet);
        Assert.Equal(new Fraction(25, 1), dec.HoursTarget);
        Assert.Equal(new Fraction(325, 1) - dec.TotalHours, dec.HoursNeeded);
        Assert.Equal(0, dec.ActiveNeeded);
    }

    [Fact]
    public void Compute_CountsOnlyThisYearsHours_ThroughAsOfDate()
    {
        Load("V1,张三,,2023-01-01,330102,正常,\n", "R1,V1,,2023-12-31,5,P\nR2,V1,,2024-03-31,2,P\nR3,V1,,2024-04-01,3,P\n");
        var r = Row("district", "330102");
        Assert.Equal(new Fraction(2, 1), r.TotalHours);
        Assert.Equal(1, r.Active);
        Assert.Equal(0, Row("district", "330102", year: 2024, through: 1).Active);
    }

    [Fact]
    public void Rank_BreaksTiesByRegistrationRateThenCode_UnknownRateLast()
    {
        Load("V1,张三,,2024-01-01,330102,正常,\nV2,李四,,2024-01-01,330105,正常,\nV3,王五,,2024-01-01,330106,正常,\n",
             population: "区划代码,年份,常住人口\n330102,2024,20\n330105,2024,10\n");
        // Everyone scores min(rate/0.13, 1) + 0 + 0: 330105 (10 %) and 330102 (5 %); 330106 has no population.
        var rows = Compute("district", 2024, 3);
        Assert.Equal(["330105", "330102", "330106"], rows.Select(r => r.RegionCode));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Rank));
        _db.IngestText("pop2.csv", "区划代码,年份,常住人口\n330102,2024,1\n330105,2024,1\n");
        // Both now 100 % → capped score tie: registration rate equal (1/1) → code ascending.
        Assert.Equal(["330102", "330105", "330106"], Compute("district", 2024, 3).Select(r => r.RegionCode));
    }

    [Fact]
    public void Compute_ListsOnlyChildrenOfParent_WithZeros()
    {
        Load("V1,张三,,2024-01-01,330102001,正常,\n");
        var rows = Compute("street", 2024, 3, parent: "330102");
        Assert.Equal(["330102001", "330102002"], rows.Select(r => r.RegionCode));
        Assert.Equal(0, rows[1].Registered);
        Assert.Null(rows[1].ActiveRate);
        Assert.Empty(Compute("street", 2024, 3, parent: "330105"));
    }

    [Fact]
    public void Compute_GivesSameNumbers_WhenMonthOutsideStoredTable()
    {
        Load("V1,张三,,2023-01-01,330102,正常,\n", "R1,V1,,2024-02-01,5,P\n");
        var stored = Row("district", "330102", 2024, 2);
        var adHoc = Row("district", "330102", 2025, 6); // beyond the data: computed on the fly
        Assert.Equal(1, stored.Active);
        Assert.Equal((1L, 0L), (adHoc.Registered, adHoc.Active));
    }

    [Fact]
    public void OnFileLoaded_SkipsRefresh_WhenFileChangesNothingCounted_AndNumbersStayRight()
    {
        Load("V1,张三,,2024-01-01,330102,正常,\n", "R1,V1,,2024-02-01,5,P\n");
        var refreshedAt = _db.Connection.Scalar<DateTime>("SELECT refreshed_at FROM monthly_coverage");
        _db.Clock.Now += TimeSpan.FromMinutes(1); // a refresh would stamp the new time
        _db.IngestText("pop.csv", "区划代码,年份,常住人口\n330102,2024,5\n");
        _db.IngestText("again.csv", Samples.HoursHeader + "\nR1,V1,,2024-02-01,5,P\nbad row\n");
        Assert.Equal(refreshedAt, _db.Connection.Scalar<DateTime>("SELECT refreshed_at FROM monthly_coverage"));
        var row = Row("district", "330102", through: 2);
        Assert.Equal((5L, 1L, 1L), (row.Population!.Value, row.Registered, row.Active));
        Assert.True(row.RegistrationMet);
    }
}
