using System.Globalization;
using System.Text;
using VolunteerStats.Generation;
using VolunteerStats.Metrics.Demographics;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Demographics;

public class DemographicsServiceTests
{
    private const string Roster = "志愿者编号,姓名,证件号码,性别,出生日期,政治面貌,所属组织,注册时间,所属区划代码,状态,注销时间";
    private const string Hours = "记录编号,志愿者编号,证件号码,服务日期,服务时长（小时）,项目编号,服务类别";
    private static readonly string[] Codes = ["330100", "330102", "330105", "330102001", "330102002", "330105001", "330102001001", "330102001002"];
    private static readonly string[] Ids = ["11010519491231002X", "110101199003070011", "110101199003070038", "44030119800101001X"];

    /// <summary>
    /// Random rosters (people registered twice, by ID number or not, cancelled, blank attributes) and records (by
    /// volunteer_id, by ID number only, unmatched): for every region of every level and several months, each panel adds
    /// up to exactly the registered and active that <see cref="IndicatorService"/> prints.
    /// </summary>
    [Fact]
    public void For_EveryPanelSumsToTheIndicators_OnRandomDatasets()
    {
        for (var seed = 1; seed <= 25; seed++)
        {
            var rng = new Random(seed);
            using var db = new TestDb();
            db.IngestText("regions.csv", TestDbSamples.Regions());
            string Date(DateOnly from, int days) => from.AddDays(rng.Next(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string Pick(params string[] values) => values[rng.Next(values.Length)];
            var persons = rng.Next(3, 30);
            for (var file = 0; file < 2; file++)
            {
                var sb = new StringBuilder(Roster + "\n");
                for (var i = 1; i <= persons; i++)
                {
                    if (file == 1 && rng.Next(3) != 0) continue;
                    var id = rng.Next(3) == 0 ? Ids[rng.Next(Ids.Length)] : "";
                    var status = Pick("正常", "正常", "注销", "", "");
                    var cancelled = status != "正常" && rng.Next(2) == 0 ? Date(new DateOnly(2024, 1, 1), 300) : "";
                    sb.Append(CultureInfo.InvariantCulture, $"V{i},张三,{id},{Pick("男", "女", "", "女性", "M", "未知")},{Pick("1950-03-04", "2010-12-31", "1990-06-15", "", "not a date", "2001-11-05")},")
                      .Append(CultureInfo.InvariantCulture, $"{Pick("中共党员", "共青团员", "群众", "")},{Pick("红十字会", "青年志愿者协会", "", " 社区服务队 ")},{Date(new DateOnly(2023, 6, 1), 520)},{Codes[rng.Next(Codes.Length)]},{status},{cancelled}\n");
                }
                db.IngestText($"roster{file}.csv", sb.ToString());
            }
            var hours = new StringBuilder(Hours + "\n");
            for (var i = 0; i < rng.Next(0, 90); i++)
            {
                var byId = rng.Next(6) == 0;
                hours.Append(CultureInfo.InvariantCulture,
                    $"R{i},{(byId ? "" : $"V{rng.Next(1, persons + 4)}")},{(byId ? Ids[rng.Next(Ids.Length)] : "")},{Date(new DateOnly(2023, 10, 1), 400)},{rng.Next(1, 9) * 0.5},P{i % 3},{Pick("敬老助残", "环境保护", "", "文明交通")}\n");
            }
            db.IngestText("hours.csv", hours.ToString());
            foreach (var month in new[] { 1, rng.Next(2, 12), 12 })
                AssertPanelsMatchIndicators(db, 2024, month, $"seed {seed}");
        }
    }

    /// <summary>The generated 杭州市 (overlapping roster snapshots, monthly record exports) at every level through October.</summary>
    [Fact]
    public void For_EveryPanelSumsToTheIndicators_OnTheGeneratedCity()
    {
        using var db = new TestDb();
        var dir = Path.Combine(db.Dir, "exports");
        foreach (var f in new CityGenerator(new GenerateOptions(dir, 0.3, 11, new DateOnly(2024, 11, 5), Plain: true)).Run())
            db.Ingest(Path.Combine(dir, f.Name));
        AssertPanelsMatchIndicators(db, 2024, 10, "generated city");
        AssertPanelsMatchIndicators(db, 2024, 3, "generated city");
        var city = new DemographicsService(new IndicatorService()).Compute(db.Connection, 2024, 10, "330100");
        Assert.True(city.Registered > 0);
        // The generator fills every attribute: real panels, not one 未填写 bar.
        Assert.True(city.Panel(DemographicsService.Age).Slices.Count(s => s.Value is not null) >= 4);
        Assert.Contains(city.Panel(DemographicsService.Gender).Slices, s => s.Value == "女");
        Assert.True(city.Panel(DemographicsService.Category).Slices.Count(s => s.Value is not null && s.Value != DemographicsService.NoService) >= 3);
    }

    [Fact]
    public void For_TakesTheEarliestRegistration_AndKeepsMissingValues()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", TestDbSamples.Regions());
        db.IngestText("roster.csv", Roster + "\n"
            + "V1,张三,110101199003070011,男,1990-03-07,中共党员,红十字会,2024-02-01,330102001,正常,\n"
            + "V2,张三,110101199003070011,女,1990-03-07,群众,别的组织,2024-03-01,330105001,正常,\n"   // same person, later: not counted again
            + "V3,李四,,,,,,2024-01-05,330102002,正常,\n"                                       // nothing given: 未填写 everywhere
            + "V4,王五,,女,2008-06-01,共青团员,红十字会,2024-01-05,330102002,注销,2024-05-31\n"); // cancelled at the end of May
        db.IngestText("hours.csv", Hours + "\n"
            + "R1,V2,,2024-04-02,3,P1,环境保护\n"   // V2's record belongs to the person of V1
            + "R2,V1,,2024-04-03,1,P1,敬老助残\n"
            + "R3,,44030119800101001X,2024-04-03,2,P1,环境保护\n"); // nobody: not counted
        var service = new DemographicsService(new IndicatorService());

        var april = service.Compute(db.Connection, 2024, 4, "330102");
        Assert.Equal(3, april.Registered);
        Assert.Equal(1, april.Active);
        Assert.Equal(new DemographicSlice("男", 1, 1), april.Panel(DemographicsService.Gender).Slices.Single(s => s.Value == "男"));
        Assert.Equal(new DemographicSlice(null, 1, 0), april.Panel(DemographicsService.Gender).Slices.Single(s => s.Value is null));
        Assert.Equal(new DemographicSlice("中共党员", 1, 1), april.Panel(DemographicsService.Political).Slices.Single(s => s.Value == "中共党员"));
        Assert.Equal(new DemographicSlice("18-35", 1, 1), april.Panel(DemographicsService.Age).Slices.Single(s => s.Value == "18-35"));
        Assert.Equal(new DemographicSlice("0-17", 1, 0), april.Panel(DemographicsService.Age).Slices.Single(s => s.Value == "0-17"));
        // The person's most hours: 3 h 环境保护 over 1 h 敬老助残; the inactive have no category.
        Assert.Equal(new DemographicSlice("环境保护", 1, 1), april.Panel(DemographicsService.Category).Slices.Single(s => s.Value == "环境保护"));
        Assert.Equal(new DemographicSlice(DemographicsService.NoService, 2, 0), april.Panel(DemographicsService.Category).Slices.Single(s => s.Value == DemographicsService.NoService));
        Assert.Empty(service.Compute(db.Connection, 2024, 4, "330105").Panel(DemographicsService.Gender).Slices);

        var may = service.Compute(db.Connection, 2024, 5, "330102");
        Assert.Equal(2, may.Registered);
        Assert.DoesNotContain(may.Panel(DemographicsService.Age).Slices, s => s.Value == "0-17");
    }

    private static void AssertPanelsMatchIndicators(TestDb db, int year, int month, string what)
    {
        var service = new DemographicsService(new IndicatorService());
        var table = service.Table(db.Connection, year, month);
        foreach (var level in IndicatorService.Levels.Skip(1))
            foreach (var row in new IndicatorService().Compute(db.Connection, new IndicatorQuery(year, month, level)))
            {
                var result = table.For(row.RegionCode, top: 3);
                foreach (var panel in result.Panels)
                {
                    var where = $"{what}, {year}-{month:D2}, {row.RegionCode}, {panel.Dimension}";
                    Assert.True(row.Registered == panel.Registered, $"{where}: registered {panel.Registered}, indicators {row.Registered}");
                    Assert.True(row.Active == panel.Active, $"{where}: active {panel.Active}, indicators {row.Active}");
                }
            }
    }
}

internal static class TestDbSamples
{
    public static string Regions() => "区划代码,名称,上级代码\n330100,杭州市,\n330102,上城区,330100\n330105,拱墅区,330100\n"
        + "330102001,清波街道,330102\n330102002,湖滨街道,330102\n330105001,米市巷街道,330105\n"
        + "330102001001,清波社区,330102001\n330102001002,劳动路社区,330102001\n";
}
