using System.Globalization;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Ingest.Loading;

namespace VolunteerStats.Dashboard.Inbox;

/// <summary>
/// The inbox jobs: a scan that queues every waiting file, and the ingest of one file. The ingest is idempotent
/// (same bytes, by SHA-256, are a no-op) and a job whose file has already left the inbox does nothing, so a job
/// retried after a crash or queued twice is harmless.
/// </summary>
public sealed class InboxJobs(
    InboxFolders folders,
    InboxQueue queue,
    InboxWatcher watcher,
    DatabaseWriter writer,
    FileIngestor ingestor,
    IOptions<InboxOptions> inbox,
    IOptions<JobOptions> jobs,
    TimeProvider clock,
    Caching.DataVersions versions,
    Caching.ComputeAhead computeAhead,
    ILogger<InboxJobs> logger)
{
    public const string IngestQueue = "ingest";
    public const int Attempts = 5;

    /// <summary>Test seam: called before each ingest attempt with the file name; throwing fails that attempt.</summary>
    internal static Action<string>? BeforeIngest { get; set; }

    /// <summary>Queues the files waiting in the inbox, in name order; files still being written are left to settle.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public int Scan()
    {
        folders.Create();
        var cutoff = clock.GetUtcNow().UtcDateTime - inbox.Value.SettleTime;
        var queued = 0;
        foreach (var path in folders.Waiting())
        {
            if (File.GetLastWriteTimeUtc(path) > cutoff) watcher.Track(path);
            else if (queue.Enqueue(Path.GetFileName(path))) queued++;
        }
        return queued;
    }

    /// <summary>
    /// Loads <c>inbox/<paramref name="fileName"/></c> on the single writer, then moves it to <c>archive/YYYY-MM/</c>,
    /// or to <c>failed/</c> with an explanation when it cannot be read.
    /// </summary>
    [Queue(IngestQueue)]
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [2, 15, 60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<string> Ingest(string fileName, PerformContext? context, CancellationToken ct)
    {
        var path = Path.Combine(folders.Inbox, fileName);
        try
        {
            BeforeIngest?.Invoke(fileName);
            // The pages and the API read the data version again at once (not up to a second later).
            using var changed = new VersionChange(versions);
            Task? ahead = null;
            var (summary, message) = await OnIngestThreadAsync(connection =>
            {
                if (!File.Exists(path))
                {
                    logger.LogInformation("{File} is no longer in the inbox (already handled); nothing to do", fileName);
                    return (null, $"{fileName}: no longer in the inbox, nothing to do");
                }
                IngestSummary summary;
                try
                {
                    summary = WithThreads(connection, inbox.Value.IngestThreads, () => ingestor.Ingest(connection, path, displayName: fileName, ct: ct));
                    var version = DataVersion.Read(connection);
                    versions.Observe(version, clock.GetTimestamp()); // what the pages and the API compute next
                    // The new version's answers, computed ahead on their own connections with all of DuckDB's threads.
                    if (!summary.AlreadyIngested) ahead = computeAhead.AfterChangeAsync(version);
                }
                catch (IngestFailedException e)
                {
                    var failed = folders.MoveToFailed(path, Explain(fileName, e.Reason, retried: false));
                    logger.LogWarning("Could not read {File}, moved it to {Target}: {Reason}", fileName, failed, e.Reason);
                    return (null, $"{fileName}: cannot be read, moved to failed/: {e.Reason}");
                }
                return ((IngestSummary?)summary, "");
            }, ct);
            if (summary is null) return message;
            // The file is reported done (it leaves the inbox) once the answers people were looking at are of the new
            // version: the ranking an analyst opens after the upload shows the new numbers without waiting.
            if (ahead is not null) await AwaitAheadAsync(ahead, fileName);
            // Then the snapshot for the command line's readers, with the ingest's threads (a copy of the whole file).
            if (!summary.AlreadyIngested || !File.Exists(writer.Database.SnapshotPath))
                await OnIngestThreadAsync(connection => WithThreads(connection, inbox.Value.IngestThreads, () =>
                {
                    writer.Database.PublishSnapshot(connection);
                    return true;
                }), ct);
            var archived = folders.MoveToArchive(path);
            logger.LogInformation("Archived {File} as {Target}", fileName, archived);
            return summary.AlreadyIngested
                ? $"{fileName}: already ingested (same content), archived"
                : $"{fileName}: {summary.Kind}, {summary.RowsRead} rows: {summary.Inserted} inserted, {summary.Updated} updated, " +
                  $"{summary.Unchanged} unchanged, {summary.Unmatched} unmatched, {summary.Rejected} rejected";
        }
        catch (Exception e) when (e is not OperationCanceledException && IsLastAttempt(context) && File.Exists(path))
        {
            // Out of retries: get the file out of the way so that it is not retried forever, and say why.
            var failed = folders.MoveToFailed(path, Explain(fileName, e.Message, retried: true));
            logger.LogError(e, "Giving up on {File} after {Attempts} attempts; moved to {Target}", fileName, Attempts + 1, failed);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer from a thread of its own whose priority is lowered
    /// (<see cref="InboxOptions.IngestNice"/>), so that the requests' threads go first when the cores are busy; the
    /// thread ends with the work. (When the writer is busy, the work continues on a pool thread at normal priority.)
    /// </summary>
    private Task<T> OnIngestThreadAsync<T>(Func<DuckDB.NET.Data.DuckDBConnection, T> work, CancellationToken ct) =>
        Task.Factory.StartNew(() =>
        {
            LowPriority.TryLowerCurrentThread(inbox.Value.IngestNice);
            return writer.WriteAsync(work, ct).GetAwaiter().GetResult();
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>How long the computation ahead may hold up the file's "done" (it goes on afterwards if slower).</summary>
    public static readonly TimeSpan AheadTimeout = TimeSpan.FromSeconds(60);

    private async Task AwaitAheadAsync(Task ahead, string fileName)
    {
        try
        {
            await ahead.WaitAsync(AheadTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Computing the answers of {File}'s data version ahead took over {Seconds} s; reporting the file done meanwhile", fileName, AheadTimeout.TotalSeconds);
        }
    }

    /// <summary>
    /// Runs <paramref name="ingest"/> with DuckDB's threads (a setting of the whole database instance, so the reads'
    /// too) and the ingestor's judges at most <paramref name="threads"/>, then puts DuckDB's back: a core is left to
    /// the requests while a file loads (<see cref="InboxOptions.IngestThreads"/>).
    /// </summary>
    private T WithThreads<T>(DuckDB.NET.Data.DuckDBConnection connection, int threads, Func<T> ingest)
    {
        var before = connection.Scalar<long>("SELECT current_setting('threads')::BIGINT");
        if (threads >= before) return ingest();
        connection.Execute($"SET threads = {threads.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            return ingest();
        }
        finally
        {
            connection.Execute($"SET threads = {before.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Tells the caches the data may have changed when the ingest ends, however it ends.</summary>
    private readonly struct VersionChange(Caching.DataVersions versions) : IDisposable
    {
        public void Dispose() => versions.Invalidate();
    }

    private static bool IsLastAttempt(PerformContext? context) =>
        context is not null && context.GetJobParameter<int>("RetryCount") >= Attempts;

    private string Explain(string fileName, string reason, bool retried)
    {
        var when = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), jobs.Value.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var what = retried
            ? $"""
               服务器尝试了 {Attempts + 1} 次仍未能导入；数据库没有因此文件而改变。请查看服务器日志，排除问题后把文件重新放入 inbox/ 文件夹。
               The server tried {Attempts + 1} times and could not load it; the database is unchanged by this file.
               See the server log, fix the cause and drop the file into the inbox/ folder again.
               """
            : """
              请确认这是志愿者注册、服务时长、行政区划或常住人口的导出文件，且表头在前 20 行之内；修正后重新放入 inbox/ 文件夹。
              Check that this is a volunteer roster, service-hours, regions or population export with its header row
              within the first 20 rows; fix it and drop it into the inbox/ folder again.
              """;
        return $"""
                无法导入 / Could not ingest: {fileName}
                时间 / When: {when} ({jobs.Value.TimeZone})
                原因 / Why: {reason}

                {what}

                """;
    }
}
