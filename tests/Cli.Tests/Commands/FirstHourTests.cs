using System.Text.Json;
using MiniExcelLibs;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Commands;

/// <summary>What a new analyst meets in the first hour (issue 17), through the real command line.</summary>
public class FirstHourTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    private const string Population = "区划代码,年份,常住人口\n330102,2024,12345\n330105,2024,2000\n";

    /// <summary>Regions, population (the city has none), a roster and some hours; the connection closed for the child process.</summary>
    private void Load()
    {
        _db.IngestText("regions.csv", Samples.Regions);
        _db.IngestText("population.csv", Population);
        _db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102001,正常,\nV2,李四,,2024-01-05,330105,正常,\n");
        _db.IngestText("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-03-05,12.5,P1\nR2,V2,,2024-03-05,2,P1\n");
        _db.Connection.Dispose();
    }

    [Fact]
    public void Ingest_ReportsSkippedSheetsAsWarnings_InJsonAndOnStandardError()
    {
        _db.IngestText("regions.csv", Samples.Regions);
        _db.Connection.Dispose();
        var path = Path.Combine(_db.Dir, "hours.xlsx");
        MiniExcel.SaveAs(path, new Dictionary<string, object>
        {
            ["说明"] = new[] { new Dictionary<string, object?> { ["A"] = "本表为九月、十月数据", ["B"] = null, ["C"] = null } },
            ["九月"] = new[]
            {
                new Dictionary<string, object?> { ["A"] = "志愿者编号", ["B"] = "服务日期", ["C"] = "服务时长" },
                new Dictionary<string, object?> { ["A"] = "V1", ["B"] = "2024-09-01", ["C"] = 2 },
            },
            ["十月"] = new[]
            {
                new Dictionary<string, object?> { ["A"] = "志愿者编号", ["B"] = "服务日期", ["C"] = "服务时长" },
                new Dictionary<string, object?> { ["A"] = "V1", ["B"] = "2024-10-01", ["C"] = 3 },
                new Dictionary<string, object?> { ["A"] = "V1", ["B"] = "2024-10-02", ["C"] = -3 },
            },
        }, printHeader: false);
        var (code, output, error) = CliProcess.Run(_db, "ingest", "--format", "json", path);
        Assert.True(code == 0, error);
        var file = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal(3, file.GetProperty("rows_read").GetInt32());
        var warning = Assert.Single(file.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("说明", warning);
        Assert.Contains("说明", error);

        var rejects = CliProcess.Run(_db, "rejects", "--format", "csv");
        Assert.Equal("file,line,kind,reason,raw,field,sheet\nhours.xlsx,3,service_records,bad_hours,V1\t2024-10-02\t-3,hours,十月\n", rejects.Output);
        var json = JsonDocument.Parse(CliProcess.Run(_db, "rejects", "--format", "json").Output).RootElement[0];
        Assert.Equal(("hours", "十月"), (json.GetProperty("field").GetString(), json.GetProperty("sheet").GetString()));
    }

    [Fact]
    public void Ingest_WarnsOfAHeaderWithoutData_AndAnEmptyFileIsAnErrorSayingSo()
    {
        _db.Connection.Dispose();
        var header = _db.Write("header_only.csv", Samples.HoursHeader + "\n");
        var empty = _db.Write("empty.csv", "");
        var (code, output, error) = CliProcess.Run(_db, "ingest", "--format", "json", header, empty);
        Assert.Equal(2, code);
        Assert.Contains("no data rows", JsonDocument.Parse(output).RootElement[0].GetProperty("warnings")[0].GetString());
        Assert.Contains("empty.csv: the file is empty", error);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("indicators")]
    [InlineData("rejects")]
    [InlineData("quality")]
    public void EveryVerb_RefusesADbThatIsNotAVolunteerStatsDatabase_AndLeavesItUntouched(string verb)
    {
        var csv = _db.Write("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-03-05,2,P1\n");
        var before = File.ReadAllBytes(csv);
        string[] args = verb switch
        {
            "ingest" => ["ingest", "--db", csv, _db.Write("regions.csv", Samples.Regions)],
            "indicators" => ["indicators", "--db", csv, "--year", "2024"],
            _ => [verb, "--db", csv],
        };
        var (code, output, error) = CliProcess.Run(_db, args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("not a VolunteerStats database", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.Equal(before, File.ReadAllBytes(csv));
    }

    [Fact]
    public void Ingest_RefusesADbInAFolderThatDoesNotExist()
    {
        var missing = Path.Combine(_db.Dir, "typo", "volstats.duckdb");
        var (code, _, error) = CliProcess.Run(_db, "ingest", "--db", missing, _db.Write("regions.csv", Samples.Regions));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
        Assert.False(Directory.Exists(Path.Combine(_db.Dir, "typo")));
    }

    [Fact]
    public void Indicators_IsAnErrorNamingTheRegion_WhenTheParentIsUnknown()
    {
        Load();
        var (code, output, error) = CliProcess.Run(_db, "indicators", "--year", "2024", "--level", "street", "--parent", "330199", "--format", "csv");
        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        Assert.Contains("330199", error);
        var name = CliProcess.Run(_db, "indicators", "--year", "2024", "--level", "street", "--parent", "不存在区");
        Assert.NotEqual(0, name.ExitCode);
        Assert.Contains("不存在区", name.Error);
    }

    [Fact]
    public void IndicatorsAndTrend_AcceptARegionName_WhereACodeIsAsked()
    {
        Load();
        var byCode = CliProcess.Run(_db, "indicators", "--year", "2024", "--level", "street", "--parent", "330102", "--format", "csv");
        var byName = CliProcess.Run(_db, "indicators", "--year", "2024", "--level", "street", "--parent", "上城区", "--format", "csv");
        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.Equal(byCode.Output, byName.Output);
        Assert.Contains("330102001,清波街道", byName.Output);
        var trend = CliProcess.Run(_db, "trend", "--region", "拱墅区", "--year", "2024", "--format", "csv");
        Assert.True(trend.ExitCode == 0, trend.Error);
        Assert.Contains(",330105,拱墅区,", trend.Output);
    }

    [Fact]
    public void Indicators_WarnsOfAYearWithoutServiceRecords_AndOfRegionsWithoutPopulation()
    {
        Load();
        var empty = CliProcess.Run(_db, "indicators", "--year", "2023", "--format", "csv");
        Assert.Contains("no service records are dated in 2023", empty.Error);
        var city = CliProcess.Run(_db, "indicators", "--year", "2024", "--level", "city", "--format", "csv");
        Assert.Contains("330100 杭州市", city.Error);
        Assert.DoesNotContain("warning", CliProcess.Run(_db, "indicators", "--year", "2024", "--format", "csv").Error);
        var table = CliProcess.Run(_db, "indicators", "--year", "2024", "--level", "city").Output;
        Assert.Contains("¹", table);
    }

    [Fact]
    public void IndicatorsTable_NamesTheAsOfDateAndTheTargetsMonth_AndGroupsThousands()
    {
        Load();
        var table = CliProcess.Run(_db, "indicators", "--year", "2024", "--through", "2024-06").Output;
        Assert.Contains("截至 2024-06-30", table);
        Assert.Contains("人均时长目标 12.5 小时", table); // 25 × 6 / 12, for June
        Assert.Contains("12,345", table); // population of 上城区, grouped
    }

    [Fact]
    public void IndicatorsTable_AlignsColumns_ByDisplayWidth()
    {
        Load();
        var lines = CliProcess.Run(_db, "indicators", "--year", "2024").Output.Split('\n')
            .Where(l => l.Contains("✓") || l.Contains("✗")).ToList();
        Assert.Equal(2, lines.Count);
        // ✓ and ✗ take one column in a terminal, CJK two: every row ends in the same column.
        Assert.Equal(Metrics.Output.TextTable.Width(lines[0]), Metrics.Output.TextTable.Width(lines[1]));
        Assert.Equal(1, Metrics.Output.TextTable.Width("✓"));
        Assert.Equal(4, Metrics.Output.TextTable.Width("上城"));
    }

    [Fact]
    public void RejectsTable_ShowsTheReasonInChineseBesideTheCode()
    {
        _db.IngestText("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-02-30,2,P1\n");
        _db.Connection.Dispose();
        var table = CliProcess.Run(_db, "rejects").Output;
        Assert.Contains("日期无法识别 bad_date", table);
        Assert.Contains("service_date", table);
    }

    [Fact]
    public void Ingests_ListsTheLoadedFiles_NewestFirst()
    {
        Load();
        var (code, output, error) = CliProcess.Run(_db, "ingests", "--format", "csv");
        Assert.True(code == 0, error);
        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[1]).ToList();
        Assert.Equal(["hours.csv", "roster.csv", "population.csv", "regions.csv"], files);
    }

    [Fact]
    public void Help_DescribesTheInputsAndTheIndicators_WithoutPointingOutsideTheRepository()
    {
        var (code, output, _) = CliProcess.Run(_db, "--help");
        Assert.Equal(0, code);
        Assert.Contains("13", output);
        Assert.Contains("70", output);
        Assert.Contains("docs/user-guide.md", output);
        Assert.DoesNotContain("shared/spec", output);
    }
}
