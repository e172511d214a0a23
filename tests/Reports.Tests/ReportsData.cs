using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Quality;
using VolunteerStats.Metrics.Stars;
using VolunteerStats.Reports.Briefings;
using VolunteerStats.Reports.Exports;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports;

/// <summary>
/// A small city for the report tests: 杭州市 with two districts and their streets, population, a roster with rare name
/// characters, an organization exported with a line break and one named like a formula, and hours over 2024.
/// </summary>
public static class ReportsData
{
    public static readonly string[] RareNames = ["王子堃", "李明喆", "张文昇", "赵雅玥", "钱思珺", "孙立旸", "周文赟"];
    public const string FormulaOrganization = "=HYPERLINK(\"http://x\",\"y\")";
    public const string BrokenOrganization = "堃喆志愿服务队\n第二分队";

    public static void Seed(TestDb db)
    {
        db.IngestText("regions.csv", Samples.Regions + "\n330105001,米市巷街道,330105,街道\n");
        db.IngestText("population.csv", "区划代码,年份,常住人口\n330100,2024,900\n330102,2024,300\n330105,2024,520\n330102001,2024,150\n330102002,2024,140\n330105001,2024,500\n");
        var roster = new List<string> { "志愿者编号,姓名,证件号码,注册时间,所属区划代码,状态,注销时间,所属组织" };
        var hours = new List<string> { "记录编号,志愿者编号,证件号码,服务日期,服务时长（小时）,项目编号" };
        string[] homes = ["330102001", "330102002", "330105001", "330102", "330105"];
        for (var i = 0; i < 90; i++)
        {
            var name = i < RareNames.Length ? RareNames[i] : $"志愿者{i:00}";
            var org = i switch { 0 => "\"" + BrokenOrganization + "\"", 1 => "\"" + FormulaOrganization.Replace("\"", "\"\"") + "\"", _ => $"第{i % 4 + 1}志愿服务队" };
            var month = 1 + i % 10;
            roster.Add($"V{i:000},{name},,2024-{month:00}-0{1 + i % 9},{homes[i % homes.Length]},正常,,{org}");
            // Most volunteers serve a little every other month; the rare-named ones serve a lot (stars, top lists).
            if (i < RareNames.Length)
            {
                for (var m = month; m <= 10; m++)
                    for (var d = 10; d < 15; d++) hours.Add($"R{i:000}{m:00}{d},V{i:000},,2024-{m:00}-{d},{8 - i % 3},P{i % 3}");
                continue;
            }
            for (var m = month; i % 3 != 0 && m <= 10; m += 2)
                hours.Add($"R{i:000}{m:00},V{i:000},,2024-{m:00}-15,{3 + i % 5},P{i % 3}");
        }
        db.IngestText("roster.csv", string.Join("\n", roster) + "\n");
        db.IngestText("hours.csv", string.Join("\n", hours) + "\n");
    }

    public static BriefingBuilder Builder(BriefingOptions? options = null) =>
        new(new IndicatorService(), new StarService(), new QualityService(), Options.Create(options ?? new BriefingOptions()));

    public static BriefingService Service(TestDb db, BriefingOptions? options = null)
    {
        var o = Options.Create(options ?? new BriefingOptions());
        var pdf = new PdfConverter(o, NullLogger<PdfConverter>.Instance);
        return new BriefingService(db.Database, Builder(options), new BriefingWriter(pdf, NullLogger<BriefingWriter>.Instance), db.Clock,
            Options.Create(new VolunteerStats.Ingest.LocalTimeOptions()), NullLogger<BriefingService>.Instance);
    }

    public static WorkbookExporter Exporter() => new(new IndicatorService(), new StarService(), new QualityService());
}
