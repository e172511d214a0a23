using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Dashboard.Api;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Api;

/// <summary>
/// The API's answers cached per data version (<see cref="ApiCache"/>) on the real server: the same query asked by users
/// with different region limits never shares an answer, and every answer says its data version.
/// </summary>
[Collection(ApiSiteCollection.Name)]
public sealed class ApiCacheTests(ApiSite site)
{
    private const string Districts = $"/api/indicators?year={ApiSite.Year}&through={ApiSite.Through}&level=district&format=csv";

    private static List<string> Codes(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();

    [Fact]
    public async Task Indicators_NeverServesAnotherScopesAnswer_WhenUsersWithDifferentLimitsAskTheSameQuery()
    {
        var other = site.Regions.Where(r => r.Value.Parent == "330100" && r.Key != ApiSite.Limit).Select(r => r.Key).Order(StringComparer.Ordinal).First();
        using var otherLeader = await site.Server.CreateUserAsync($"leader-{other}-cache", "leader", other, ApiSite.Password);

        // The unlimited answer first, so that a cache keyed without the limit would hand it to the limited users next.
        using var city = await site.CityAnalyst.GetAsync(Districts);
        using var shangcheng = await site.Leader.GetAsync(Districts);
        using var otherDistrict = await otherLeader.GetAsync(Districts);
        using var cityAgain = await site.CityAnalyst.GetAsync(Districts);

        var all = await city.Content.ReadAsStringAsync();
        Assert.Equal(site.Cli[$"indicators --year {ApiSite.Year} --through {ApiSite.Through} --level district --format csv"], all);
        Assert.Equal(all, await cityAgain.Content.ReadAsStringAsync());
        Assert.Equal([ApiSite.Limit], Codes(await shangcheng.Content.ReadAsStringAsync()));
        Assert.Equal([other], Codes(await otherDistrict.Content.ReadAsStringAsync()));
        Assert.True(Codes(all).Count > 2, all);
        var versions = new[] { city, shangcheng, otherDistrict, cityAgain }.Select(r => r.Headers.GetValues(ApiCache.VersionHeader).Single()).Distinct().ToList();
        Assert.Single(versions);
        Assert.Matches("^[0-9a-f]{16}$", versions[0]);
    }

    [Fact]
    public async Task Indicators_Answers403FromTheCache_WhenALimitedUserAsksForAParentAnotherUserMaySee()
    {
        var other = site.Regions.Where(r => r.Value.Parent == "330100" && r.Key != ApiSite.Limit).Select(r => r.Key).Order(StringComparer.Ordinal).Last();
        var url = $"/api/indicators?year={ApiSite.Year}&through={ApiSite.Through}&level=street&parent={other}&format=csv";

        using var allowed = await site.CityAnalyst.GetAsync(url);
        using var refused = await site.Leader.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.NotEmpty(Codes(await allowed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(other + "0", await refused.Content.ReadAsStringAsync());
    }
}

/// <summary>After a file lands, the cached answers and pages are of the new data version, with the new numbers.</summary>
[Collection(ServerCollection.Name)]
public sealed class ApiCacheIngestTests
{
    [Fact]
    public async Task Indicators_AnswersTheNewNumbers_AfterAFileLands()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        const string url = "/api/indicators?year=2024&through=2024-03&level=district&format=csv";
        using var before = await server.Http.GetAsync(url);
        using var beforeAgain = await server.Http.GetAsync(url);
        var hours = Path.Combine(server.Root, "more-hours.csv");
        await File.WriteAllTextAsync(hours, "记录编号,志愿者编号,服务日期,服务时长（小时）\nM001,V001,2024-03-21,7\nM002,V001,2024-03-22,5\n");

        await server.DropAsync(hours);
        using var after = await server.Http.GetAsync(url);
        using var page = await server.Http.GetAsync("/ranking?year=2024&through=2024-03&level=district");

        static decimal Hours(string csv) => decimal.Parse(csv.Split('\n').Single(l => l.StartsWith("440303,", StringComparison.Ordinal)).Split(',')[7], System.Globalization.CultureInfo.InvariantCulture);
        static string Version(HttpResponseMessage r) => r.Headers.GetValues(ApiCache.VersionHeader).Single();
        Assert.Equal(Version(before), Version(beforeAgain));
        Assert.NotEqual(Version(before), Version(after));
        Assert.False(after.Headers.Contains(ApiCache.StaleHeader));
        Assert.Equal(Hours(await before.Content.ReadAsStringAsync()) + 12m, Hours(await after.Content.ReadAsStringAsync()));
        // The page's 数据截至 line names the version its numbers are of, the one the API answered.
        Assert.Equal(Version(after), Version(page));
        Assert.Contains($"data-version=\"{Version(after)}\"", await page.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// With no wait for the fresh answer (<c>Server:FreshWait</c> 0) and nothing computed ahead, the first request after
    /// a file landed gets the previous version's answer at once, marked stale, while the one computation of the new
    /// version runs; the next requests get the new one as soon as it is there.
    /// </summary>
    [Fact]
    public async Task Indicators_AnswersThePreviousVersionMarkedStale_WhileTheNewOneComputes()
    {
        await using var server = await TestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Server:FreshWait"] = "00:00:00",
            ["Server:ComputeAhead"] = "false",
        });
        await InboxJobsTests.DropAllAsync(server);
        const string url = "/api/indicators?year=2024&through=2024-03&level=district&format=csv";
        using var before = await server.Http.GetAsync(url);
        var hours = Path.Combine(server.Root, "more-hours.csv");
        await File.WriteAllTextAsync(hours, "记录编号,志愿者编号,服务日期,服务时长（小时）\nM001,V001,2024-03-21,7\n");

        await server.DropAsync(hours);
        using var during = await server.Http.GetAsync(url);
        // The one computation started by that request; then the next request is of the new version.
        var answers = server.App.Services.GetRequiredService<ApiCache>().Answers;
        await answers.WhenComputedAsync(ApiCache.Key("indicators", null, "2024", "3", "district", null, "csv"));
        using var after = await server.Http.GetAsync(url);
        var fresh = await after.Content.ReadAsStringAsync();

        static string Version(HttpResponseMessage r) => r.Headers.GetValues(ApiCache.VersionHeader).Single();
        Assert.Equal("1", during.Headers.GetValues(ApiCache.StaleHeader).Single());
        Assert.Equal(Version(before), Version(during));
        Assert.Equal(await before.Content.ReadAsStringAsync(), await during.Content.ReadAsStringAsync());
        Assert.False(after.Headers.Contains(ApiCache.StaleHeader));
        Assert.NotEqual(Version(before), Version(after));
        Assert.NotEqual(await before.Content.ReadAsStringAsync(), fresh);
    }
}
