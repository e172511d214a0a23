using Hangfire;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Quality;

/// <summary>The nightly data-quality snapshot: rejects by kind and reason, and unmatched service records.</summary>
public sealed class QualityJobs(DatabaseWriter writer, TimeProvider clock, ILogger<QualityJobs> logger)
{
    internal static readonly System.Reflection.Assembly Sql = typeof(QualityJobs).Assembly;

    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task<string> Snapshot(CancellationToken ct) => writer.WriteAsync(connection =>
    {
        var takenAt = clock.GetUtcNow().UtcDateTime;
        long unmatched;
        using (var tx = connection.BeginTransaction())
        {
            connection.Execute(SqlScripts.Load(Sql, "Quality/TakeSnapshot.sql"), ("taken_at", takenAt));
            unmatched = connection.Scalar<long>(SqlScripts.Load(Sql, "Quality/Unmatched.sql"));
            connection.Execute("INSERT INTO quality_snapshots VALUES ($taken_at, 'unmatched', 'service_records', NULL, $n)",
                ("taken_at", takenAt), ("n", unmatched));
            tx.Commit();
        }
        writer.Database.PublishSnapshot(connection);
        logger.LogInformation("Quality snapshot taken: {Unmatched} unmatched service records", unmatched);
        return $"{unmatched} unmatched service records";
    }, ct);
}
