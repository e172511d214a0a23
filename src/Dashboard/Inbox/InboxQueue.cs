using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;

namespace VolunteerStats.Dashboard.Inbox;

/// <summary>
/// Enqueues one ingest job per inbox file. The watcher and the scan may both see a file; a file whose job is
/// still waiting or running is not enqueued twice (a duplicate would be a harmless no-op, but noise).
/// </summary>
public sealed class InboxQueue(IBackgroundJobClient client, JobStorage storage, ILogger<InboxQueue> logger)
{
    private static readonly HashSet<string> Open = [EnqueuedState.StateName, ScheduledState.StateName, ProcessingState.StateName, AwaitingState.StateName];
    private readonly Dictionary<string, string> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Enqueues an ingest of <paramref name="fileName"/> (a name in the inbox) unless one is already open.</summary>
    public bool Enqueue(string fileName)
    {
        lock (_lock)
        {
            if (_jobs.TryGetValue(fileName, out var existing) && IsOpen(existing)) return false;
            var id = client.Enqueue<InboxJobs>(j => j.Ingest(fileName, null, CancellationToken.None));
            _jobs[fileName] = id;
            logger.LogInformation("Queued {File} for ingest (job {JobId})", fileName, id);
            return true;
        }
    }

    private bool IsOpen(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId)?.Name;
        return state is not null && Open.Contains(state);
    }
}
