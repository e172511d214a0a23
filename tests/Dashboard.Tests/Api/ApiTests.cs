using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Metrics.Quality;
using VolunteerStats.Dashboard.Quality;
using VolunteerStats.Dashboard.Reports;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Api;

[Collection(ServerCollection.Name)]
public sealed class ApiTests
{
    [Theory]
    [InlineData("/api/indicators", "year is required")]
    [InlineData("/api/indicators?year=20x4", "year expects")]
    [InlineData("/api/indicators?year=2024&through=2023-05", "is not in year 2024")]
    [InlineData("/api/indicators?year=2024&through=May", "through expects YYYY-MM")]
    [InlineData("/api/indicators?year=2024&level=planet", "level must be one of")]
    [InlineData("/api/indicators?year=2024&format=xml", "format must be one of")]
    public async Task Indicators_Returns400WithMessage_WhenArgumentsAreBad(string url, string message)
    {
        await using var server = await TestServer.StartAsync();

        var response = await server.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Indicators_TakesTheDefaults_WhenParametersAreEmpty()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        var expected = InboxJobsTests.ExpectedDistricts.ReplaceLineEndings("\n");

        // CONTRACT §7 names every parameter, and may leave some empty: through defaults to the latest month (2024-03).
        Assert.Equal(expected, await server.GetTextAsync("/api/indicators?year=2024&through=&level=&parent=&format="));
        // A 12-digit parent is the code it stands for (CONTRACT §2).
        Assert.Equal(expected, await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=district&parent=440300000000&format=csv"));
    }

    [Fact]
    public async Task QualityAndIngests_ReportRejectsAndUnmatched_WhenFilesWereIngested()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);

        using var quality = JsonDocument.Parse(await server.GetTextAsync("/api/quality"));
        using var ingests = JsonDocument.Parse(await server.GetTextAsync("/api/ingests"));
        var json = await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=city&format=json");

        Assert.Equal(1, quality.RootElement.GetProperty("unmatched").GetInt64());
        var reject = Assert.Single(quality.RootElement.GetProperty("rejects").EnumerateArray());
        Assert.Equal(("hours.csv", "bad_date", 1L),
            (reject.GetProperty("file").GetString(), reject.GetProperty("reason").GetString(), reject.GetProperty("rows").GetInt64()));
        Assert.Equal(["hours.csv", "roster.csv", "population.csv", "regions.csv"],
            ingests.RootElement.EnumerateArray().Select(e => e.GetProperty("file").GetString()));
        Assert.Contains("\"region_name\": \"深圳市\"", json);
    }

    [Fact]
    public async Task Jobs_StoreQualitySnapshotAndMonthlyCsv_WhenRun()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        var services = server.App.Services;

        await services.GetRequiredService<QualityJobs>().Snapshot(CancellationToken.None);
        await services.GetRequiredService<MonthlyReportJobs>().Compute(2024, 3, CancellationToken.None);
        await services.GetRequiredService<MonthlyReportJobs>().Compute(2024, 3, CancellationToken.None);

        var writer = services.GetRequiredService<DatabaseWriter>();
        var snapshot = await writer.ReadAsync(c => c.Query("SELECT measure, kind, coalesce(reason, ''), rows FROM quality_snapshots ORDER BY measure")
            .Select(r => $"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)} {r.GetInt64(3)}").ToList(), CancellationToken.None);
        // The same report as ./volstats quality: rejects by kind and reason, then every other check's total.
        Assert.Contains("rejected service_records bad_date 1", snapshot);
        Assert.Contains("unmatched_records   1", snapshot);
        Assert.Equal(QualityService.Checks.Length - 1, snapshot.Count(s => !s.StartsWith("rejected ", StringComparison.Ordinal)));
        var reports = await writer.ReadAsync(c => c.Query("SELECT level, csv FROM monthly_reports WHERE year = 2024 AND month = 3 ORDER BY level")
            .ToDictionary(r => r.GetString(0), r => r.GetString(1)), CancellationToken.None);
        Assert.Equal(5, reports.Count);
        Assert.Equal(InboxJobsTests.ExpectedDistricts.ReplaceLineEndings("\n"), reports["district"]);
        Assert.Equal(await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=city&format=csv"), reports["city"]);
    }

    [Fact]
    public async Task HangfireDashboard_Answers200_WhenUserIsAdmin()
    {
        await using var server = await TestServer.StartAsync();

        var response = await server.Http.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
