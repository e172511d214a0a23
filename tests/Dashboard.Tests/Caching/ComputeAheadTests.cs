using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Tests.Support;
using VolunteerStats.Dashboard.Api;
using VolunteerStats.Dashboard.Caching;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Caching;

/// <summary>
/// Answers computed ahead (<see cref="ComputeAhead"/>) on the real server: after a file lands, the views people were
/// looking at, and the default views, are of the new data version before anyone asks again, each for its own user's
/// region limit; after a start, the default views (the big screen's data among them) are computed without a request.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ComputeAheadTests
{
    private const string Ranking = "/ranking?year=2024&through=2024-03&level=district";
    private const string Csv = "/api/indicators?year=2024&through=2024-03&level=district&format=csv";

    private static string Version(HttpResponseMessage r) => r.Headers.GetValues(ApiCache.VersionHeader).Single();

    private static async Task<string> MoreHoursAsync(TestServer server)
    {
        var hours = Path.Combine(server.Root, "more-hours.csv");
        await File.WriteAllTextAsync(hours, "记录编号,志愿者编号,服务日期,服务时长（小时）\nM001,V001,2024-03-21,7\nM002,V001,2024-03-22,5\n");
        return hours;
    }

    [Fact]
    public async Task Ingest_LeavesTheNewVersionsAnswersCached_BeforeAnyRequest_EachForItsOwnRegionLimit()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        using var luohu = await server.CreateUserAsync("luohu.leader", "leader", "440303");
        // Both users look at the ranking and the CSV: the unlimited admin first, so that a key without the limit would
        // hand the city's answer to the limited leader.
        using var adminPage = await server.Http.GetAsync(Ranking);
        using var leaderPage = await luohu.GetAsync(Ranking);
        using var adminCsv = await server.Http.GetAsync(Csv);
        using var leaderCsv = await luohu.GetAsync(Csv);
        var before = Version(adminPage);

        await server.DropAsync(await MoreHoursAsync(server));

        // No request since the file left the inbox: what is cached is already of the new version.
        var services = server.App.Services;
        var current = services.GetRequiredService<DataVersions>().Known!;
        Assert.NotEqual(before, current.Value);
        var models = services.GetRequiredService<PageData>().Models;
        var rankingKeys = models.Keys.Where(k => k.Contains("/ranking\u001f?year=2024", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rankingKeys.Count); // the admin's and the leader's
        Assert.All(rankingKeys, k => Assert.Equal(current, models.VersionOf(k)));
        var answers = services.GetRequiredService<ApiCache>().Answers;
        Assert.Equal(current, answers.VersionOf(ApiCache.Key("indicators", null, "2024", "3", "district", null, "csv")));
        Assert.Equal(current, answers.VersionOf(ApiCache.Key("indicators", "440303", "2024", "3", "district", null, "csv")));
        // The default views too, though nobody opened them.
        Assert.Contains(models.Keys, k => k.Contains("/screen/data", StringComparison.Ordinal) && models.VersionOf(k) == current);

        // And each user gets their own answer of the new version, fresh: the leader nothing outside 罗湖区.
        using var leaderAfter = await luohu.GetAsync(Ranking);
        using var leaderCsvAfter = await luohu.GetAsync(Csv);
        using var adminCsvAfter = await server.Http.GetAsync(Csv);
        var page = await leaderAfter.Content.ReadAsStringAsync();
        Assert.Equal(current.Value, Version(leaderAfter));
        Assert.False(leaderAfter.Headers.Contains(ApiCache.StaleHeader));
        Assert.Contains("罗湖区", page);
        Assert.DoesNotContain("福田区", page);
        var leaderRows = (await leaderCsvAfter.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(["440303"], leaderRows.Select(l => l.Split(',')[0]));
        var cityRows = (await adminCsvAfter.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(["440303", "440304"], cityRows.Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        // 罗湖区's hours include the 12 just loaded (9.50 before).
        Assert.Equal("21.50", leaderRows.Single().Split(',')[7]);
        Assert.Equal(current.Value, Version(adminCsvAfter));
        Assert.False(adminCsvAfter.Headers.Contains(ApiCache.StaleHeader));
    }

    [Fact]
    public async Task Start_ComputesTheBigScreensData_BeforeAnyoneOpensIt()
    {
        // A database the command line loaded, then the server started over it.
        var root = TestServer.NewRoot();
        var (code, _, error) = CliProcess.Run(Path.Combine(root, "volstats.duckdb"), Path.Combine(root, "site.key"),
            ["ingest", .. new[] { "regions.csv", "population.csv", "roster.csv", "hours.csv" }.Select(TestServer.DataFile)]);
        Assert.True(code == 0, error);

        await using var server = await TestServer.StartAsync(root: root);

        var services = server.App.Services;
        var models = services.GetRequiredService<PageData>().Models;
        bool ScreenComputed() => services.GetRequiredService<DataVersions>().Known is { } v
            && models.Keys.Any(k => k.Contains("/screen/data", StringComparison.Ordinal) && models.VersionOf(k) == v);
        await TestServer.WaitUntilAsync(() => Task.FromResult(ScreenComputed()), TimeSpan.FromSeconds(30), "the big screen's data to be computed ahead");
        var screenKeys = models.Keys.Where(k => k.Contains("/screen/data", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(screenKeys);
        // Computed for users without a region limit only: a limited user's answers are never computed for another scope.
        Assert.All(screenKeys, k => Assert.Contains("\u001f*\u001f", k));
    }
}
