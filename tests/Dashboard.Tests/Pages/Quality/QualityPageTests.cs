using System.Net;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Pages.Quality;

[Collection(ServerCollection.Name)]
public sealed class QualityPageTests
{
    /// <summary>
    /// Two 15-hour records of one volunteer on one day: /quality lists the over-24-hours flag with the volunteer's masked
    /// name (never the full name), the ranking's hours still count both records, and an analyst limited to another
    /// district does not see the flag.
    /// </summary>
    [Fact]
    public async Task Get_ListsSuspiciousHoursWithMaskedNames_WithinTheUsersRegion()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        var hours = Path.Combine(server.Root, "long-day.csv");
        await File.WriteAllTextAsync(hours, "记录编号,志愿者编号,服务日期,服务时长（小时）\nL001,V001,2024-03-20,15\nL002,V001,2024-03-20,15\n");
        var before = await server.Http.GetStringAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv");
        await server.DropAsync(hours);
        var after = await server.Http.GetStringAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv");

        var page = await server.Http.GetStringAsync("/quality?year=2024&through=2024-03");
        Assert.Contains("<tr data-kind=\"over_24h\">", page);
        Assert.Contains("单日超过 24 小时", page);
        Assert.Contains("张*明", page);
        Assert.DoesNotContain("张三明", page);
        // The flag changes nothing: the district's hours grew by exactly the 30 hours loaded.
        static decimal Hours(string csv) => decimal.Parse(csv.Split('\n').Single(l => l.StartsWith("440303,", StringComparison.Ordinal)).Split(',')[7], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Hours(before) + 30m, Hours(after));

        using var analyst = await server.CreateUserAsync("futian-analyst", "analyst", "440304");
        using var response = await analyst.GetAsync("/quality?year=2024&through=2024-03");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var limited = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<tr data-kind=\"over_24h\">", limited);
        Assert.DoesNotContain("张*明", limited);
    }
}
