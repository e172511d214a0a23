using Hangfire;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Quality;

namespace VolunteerStats.Dashboard.Quality;

/// <summary>The nightly data-quality snapshot: the report of <see cref="QualityService"/>, stored for its trend.</summary>
public sealed class QualityJobs(DatabaseWriter writer, QualityService quality, TimeProvider clock, ILogger<QualityJobs> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task<string> Snapshot(CancellationToken ct) => writer.WriteAsync(connection =>
    {
        Dictionary<string, long> totals;
        using (var tx = connection.BeginTransaction())
        {
            totals = quality.Snapshot(connection, clock.GetUtcNow().UtcDateTime);
            tx.Commit();
        }
        writer.Database.PublishSnapshot(connection);
        logger.LogInformation("Quality snapshot taken: {Rejected} rejected rows, {Unmatched} unmatched service records",
            totals["rejects"], totals["unmatched_records"]);
        return $"{totals["rejects"]} rejected rows, {totals["unmatched_records"]} unmatched service records";
    }, ct);
}
