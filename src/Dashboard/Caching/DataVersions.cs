using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Caching;

/// <summary>
/// The server's idea of the current <see cref="DataVersion"/>, for the answer caches. Requests never wait for it once
/// it was read: the last version read is returned, and when it is older than <see cref="MaxAge"/> (or an ingest
/// ended, <see cref="Invalidate"/>) one read in the background replaces it. Only the very first call waits. Every
/// computation that reads the version in its own transaction reports it (<see cref="Observe"/>), so the caches agree
/// with what was last computed as soon as it was.
/// </summary>
public sealed class DataVersions(DatabaseWriter writer, TimeProvider clock, ILogger<DataVersions> logger)
{
    /// <summary>How long a version read is taken as current without reading it again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private DataVersion? _known;
    private long _readAt = long.MinValue, _invalidatedAt = long.MinValue;
    private Task<DataVersion>? _reading;

    /// <summary>The version last read (null before the first read).</summary>
    public DataVersion? Known
    {
        get { lock (_lock) return _known; }
    }

    /// <summary>The current version as last read, refreshed in the background when old; awaited only when none was read yet.</summary>
    public async ValueTask<DataVersion> CurrentAsync(CancellationToken ct)
    {
        Task<DataVersion> reading;
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            var fresh = _known is not null && _readAt > _invalidatedAt && clock.GetElapsedTime(_readAt, now) < MaxAge;
            if (!fresh) _reading ??= ReadInBackground();
            if (_known is not null) return _known;
            reading = _reading!;
        }
        return await reading.WaitAsync(ct);
    }

    /// <summary>The data changed (an ingest or undo ended): the next call reads the version again.</summary>
    public void Invalidate()
    {
        lock (_lock) _invalidatedAt = clock.GetTimestamp();
    }

    /// <summary>
    /// A version read by a transaction that began after <paramref name="readAt"/> (a <see cref="TimeProvider"/>
    /// timestamp): it becomes the current one unless a later read is known.
    /// </summary>
    public void Observe(DataVersion version, long readAt)
    {
        lock (_lock)
        {
            if (readAt < _readAt) return;
            _known = version;
            _readAt = readAt;
        }
    }

    /// <summary>
    /// On a thread of its own, not the thread pool's: during a large ingest a read can take a while, and the pool's
    /// few threads (two on a 2-core machine) serve the requests.
    /// </summary>
    private Task<DataVersion> ReadInBackground() => Task.Factory.StartNew(() =>
    {
        var started = clock.GetTimestamp();
        try
        {
            var version = writer.ReadAsync(DataVersion.Read, CancellationToken.None).GetAwaiter().GetResult();
            Observe(version, started);
            var took = clock.GetElapsedTime(started);
            if (took > TimeSpan.FromMilliseconds(250)) logger.LogInformation("Reading the data version took {Ms:F0} ms", took.TotalMilliseconds);
            return version;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the data version failed");
            throw;
        }
        finally
        {
            lock (_lock) _reading = null;
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
