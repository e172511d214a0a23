using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Dashboard.Hosting;

namespace VolunteerStats.Dashboard.Tests.Hosting;

[Collection(ServerCollection.Name)]
public sealed class RecurringJobsTests
{
    private static RecurringJobDto Recurring(TestServer server, string id)
    {
        using var connection = server.App.Services.GetRequiredService<JobStorage>().GetConnection();
        return Assert.Single(connection.GetRecurringJobs(), j => j.Id == id);
    }

    [Fact]
    public async Task MonthlyReportJob_NextRunsAtMidnightUtcOnTheFirst_WhenCronIsEightOClockShanghai()
    {
        await using var server = await TestServer.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:MonthlyReportCron"] = "0 8 1 * *" });

        var job = Recurring(server, ServerStartup.MonthlyReportJob);

        var now = DateTime.UtcNow;
        var firstOfNextMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        Assert.Equal("0 8 1 * *", job.Cron);
        Assert.Equal("Asia/Shanghai", job.TimeZoneId);
        Assert.Equal(firstOfNextMonth, job.NextExecution);
    }

    [Fact]
    public async Task QualitySnapshotJob_NextRunsAtPreviousDayUtc_WhenCronIsEarlyMorningShanghai()
    {
        await using var server = await TestServer.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:QualitySnapshotCron"] = "30 2 * * *" });

        var next = Recurring(server, ServerStartup.QualitySnapshotJob).NextExecution;

        Assert.NotNull(next);
        Assert.Equal(new TimeSpan(18, 30, 0), next.Value.TimeOfDay);
        Assert.InRange(next.Value - DateTime.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task InboxScanJob_IsRegisteredWithConfiguredCron_WhenServerStarts()
    {
        await using var server = await TestServer.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:InboxScanCron"] = "*/10 * * * *" });

        var job = Recurring(server, ServerStartup.InboxScanJob);

        Assert.Equal("*/10 * * * *", job.Cron);
        Assert.Equal(0, job.NextExecution!.Value.Minute % 10);
    }
}
