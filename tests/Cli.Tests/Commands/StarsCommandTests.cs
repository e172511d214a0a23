using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Commands;

public class StarsCommandTests
{
    [Fact]
    public void Stars_KeepsEveryTableRowOnOneLine_WhenAnOrganizationHasALineBreak()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", "志愿者编号,姓名,注册时间,所属区划代码,状态,所属组织\n" +
            "V1,张三,2024-01-05,330102,正常,\"湖滨\n志愿服务队\"\nV2,李四,2024-01-05,330105,正常,拱墅区志愿者协会\n");
        // 120 hours (a record holds at most 24): one star for 张三.
        db.IngestText("hours.csv", Samples.HoursHeader + "\n" +
            string.Concat(Enumerable.Range(1, 6).Select(d => $"R{d},V1,,2024-03-{d:00},20,P1\n")) + "R9,V2,,2024-03-02,5,P1\n");
        db.Connection.Dispose(); // the child process needs the file

        var (exitCode, output, error) = CliProcess.Run(db, "stars", "--through", "2024-10");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n');
        // Both organizations' rows start with their name; no line holds a fragment of one.
        Assert.Contains(lines, l => l.StartsWith("湖滨 志愿服务队", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("拱墅区志愿者协会", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("志愿服务队", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("张*", StringComparison.Ordinal) && l.Contains("湖滨 志愿服务队", StringComparison.Ordinal));
    }
}
