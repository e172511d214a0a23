using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Briefings;

namespace VolunteerStats.Dashboard.Reports;

/// <summary>
/// On the 1st: the indicators of the month just ended, for every level, kept as CSV in <c>monthly_reports</c>; and the
/// 简报 of that month for the top region, written to <c>DATA/briefings/YYYY-MM/</c> and recorded in
/// <c>briefings_written</c>. A briefing whose PDF cannot be made fails the job (Hangfire retries it); its .docx and
/// .html stay written.
/// </summary>
public sealed class MonthlyReportJobs(DatabaseWriter writer, IndicatorService indicators, BriefingService briefings, IOptions<JobOptions> jobs,
    IOptions<ServerOptions> server, TimeProvider clock, ILogger<MonthlyReportJobs> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task<string> ComputeLastMonth(CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), jobs.Value.Zone);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        var stored = await Compute(month.Year, month.Month, ct);
        var briefing = await WriteBriefing(month.Year, month.Month, ct);
        return stored + "; " + briefing;
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

    /// <summary>
    /// Writes the month's briefing of the configured (else the top) region into <c>DATA/briefings/YYYY-MM/</c>. The
    /// issue number and the content are taken on the writing connection; the files are written outside its gate.
    /// </summary>
    public async Task<string> WriteBriefing(int year, int month, CancellationToken ct)
    {
        var content = await writer.WriteAsync(connection => briefings.Prepare(connection, new BriefingRequest(year, month), null, canWrite: true), ct);
        var folder = Path.Combine(server.Value.DataDirectory, "briefings", $"{year}-{month:00}");
        var files = await briefings.WriteFilesAsync(content, folder, ct);
        await writer.WriteAsync(connection =>
        {
            BriefingIssues.RecordWritten(connection, content, files, clock.GetUtcNow().UtcDateTime);
            writer.Database.PublishSnapshot(connection);
        }, ct);
        if (files.PdfError is { } error)
            throw new PdfConversionException($"The briefing {content.FileStem} was written as .docx and .html in {folder}, but {error}");
        logger.LogInformation("Wrote the briefing {Stem} (第{Issue}期) to {Folder}", content.FileStem, content.Issue, folder);
        return $"briefing {content.FileStem} 第{content.Issue}期: {string.Join(", ", files.Paths.Select(Path.GetFileName))}";
    }
}
