using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Reports;

/// <summary>On the 1st: the indicators of the month just ended, for every level, kept as CSV in <c>monthly_reports</c>.</summary>
public sealed class MonthlyReportJobs(DatabaseWriter writer, IndicatorService indicators, IOptions<JobOptions> jobs,
    TimeProvider clock, ILogger<MonthlyReportJobs> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task<string> ComputeLastMonth(CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), jobs.Value.Zone);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return Compute(month.Year, month.Month, ct);
    }

    /// <summary>Computes and stores (replacing) the reports of one month; running it twice gives the same rows.</summary>
    public Task<string> Compute(int year, int month, CancellationToken ct) => writer.WriteAsync(connection =>
    {
        var computedAt = clock.GetUtcNow().UtcDateTime;
        using (var tx = connection.BeginTransaction())
        {
            foreach (var level in IndicatorService.Levels)
            {
                var csv = IndicatorFormats.RenderCsv(indicators.Compute(connection, new IndicatorQuery(year, month, level)));
                connection.Execute("INSERT OR REPLACE INTO monthly_reports VALUES ($y, $m, $level, $at, $csv)",
                    ("y", year), ("m", month), ("level", level), ("at", computedAt), ("csv", csv));
            }
            tx.Commit();
        }
        writer.Database.PublishSnapshot(connection);
        logger.LogInformation("Stored the indicators of {Year}-{Month:00} for every level", year, month);
        return $"{year}-{month:00}: {IndicatorService.Levels.Length} levels stored";
    }, ct);
}
