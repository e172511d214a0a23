using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Reading;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// Loads one file in one transaction (CONTRACT §4): every data record ends inserted, updated, unchanged,
/// unmatched or rejected; a file that fails, or a process killed mid-file, leaves the database as it was.
/// </summary>
public sealed class FileIngestor(
    SiteSecret secret,
    TimeProvider clock,
    IEnumerable<IIngestObserver> observers,
    ILogger<FileIngestor> logger)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly string[] TotalsMarkers = ["合计", "总计", "小计"];

    /// <summary>Called after the rows are staged and before the merge; tests use it to inject a failure mid-file.</summary>
    internal Action<long>? AfterRowStaged { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), China).DateTime);

    public IngestSummary Ingest(DuckDBConnection connection, string path, FileKind? kind = null, string? displayName = null,
        IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var name = displayName ?? Path.GetFileName(path);
        if (!File.Exists(path)) throw new IngestFailedException(name, "file not found.");
        var watch = Stopwatch.StartNew();
        var sha = Sha256(path);
        var previous = connection.Scalar<string>("SELECT kind FROM files WHERE sha256 = $sha LIMIT 1", ("sha", sha));
        if (previous is not null)
        {
            logger.LogInformation("Skipped {File}: the same bytes were ingested before", name);
            return new IngestSummary(name, previous, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>(), true) { Duration = watch.Elapsed };
        }

        using var source = new RecordSource(path);
        var records = HeaderedRecords.Open(path, source.Records(path), kind, name);
        var loader = KindLoader.For(records.Kind);
        logger.LogInformation("Ingesting {File} as {Kind}", name, records.Kind.Name);

        // Staging touches only this connection's temporary tables, outside the file's transaction: a crash leaves
        // the database as it was all the same, and the merge then reads committed rows rather than the
        // transaction's own uncommitted ones (the final INSERT took 14 s instead of 4 s on 2M rows).
        VerifySecret(connection);
        var columns = loader.Columns;
        connection.Execute($"CREATE OR REPLACE TEMP TABLE stage_rows AS SELECT 0::BIGINT AS seq, {string.Join(", ", columns)} FROM {loader.Table} LIMIT 0");
        connection.Execute("CREATE OR REPLACE TEMP TABLE stage_rejects (line BIGINT, reason VARCHAR, raw VARCHAR, field VARCHAR, sheet VARCHAR, seq BIGINT)");
        DuckDBTransaction? tx = null;
        long? intent = null;
        try
        {
            var startCpu = Cpu();
            var counts = StageRows(connection, records, loader, source, name, watch, progress, ct);
            var staged = watch.Elapsed;
            var stagedCpu = Cpu();

            // Committed on its own, so that a kill during the commit below can be undone (InterruptedIngests).
            var fileId = InterruptedIngests.Begin(connection, name, sha);
            intent = fileId;
            tx = connection.BeginTransaction();
            CheckSecret(connection);
            var identifiers = Identifiers(loader);
            SqlBatch.Execute(connection, SqlScripts.Load("Loading/Merge.sql"), identifiers);
            var outcomes = new Dictionary<string, long>();
            foreach (var row in connection.Query(SqlScripts.Load("Loading/Outcomes.sql")))
                outcomes[row.GetString(0)] = row.GetInt64(1);
            var compared = watch.Elapsed;
            var comparedCpu = Cpu();
            foreach (var observer in observers) observer.OnFileStaged(connection, loader.Kind, ct);
            var beforeApply = watch.Elapsed - compared; // the observers' share before the apply (see "refreshed")
            var beforeApplyCpu = Cpu() - comparedCpu;
            var historyStart = watch.Elapsed;
            if (loader.HistoryTable is not null)
                SqlBatch.Execute(connection, SqlScripts.Load("Loading/History.sql"), identifiers, ("file_id", fileId));
            var kept = watch.Elapsed;
            SqlBatch.Execute(connection, SqlScripts.Load("Loading/Apply.sql"), identifiers, ("file_id", fileId), ("kind", loader.Kind.Name));

            var summary = new IngestSummary(name, loader.Kind.Name, counts.RowsRead,
                outcomes.GetValueOrDefault("inserted"), outcomes.GetValueOrDefault("updated"),
                outcomes.GetValueOrDefault("unchanged"), outcomes.GetValueOrDefault("unmatched"),
                counts.Rejected.Values.Sum(), counts.Rejected, false) { FileId = fileId, Warnings = [.. records.Warnings] };
            if (summary.Inserted + summary.Updated + summary.Unchanged + summary.Unmatched + summary.Rejected != summary.RowsRead)
                throw new InvalidOperationException($"{name}: row accounting does not add up ({summary}); nothing was stored.");

            connection.Execute(
                """
                INSERT INTO files VALUES ($id, $sha, $name, $kind, now()::TIMESTAMP, $rows, $ins, $upd, $unch, $unm, $rej, $by_reason)
                """,
                ("id", fileId), ("sha", sha), ("name", name), ("kind", summary.Kind), ("rows", summary.RowsRead),
                ("ins", summary.Inserted), ("upd", summary.Updated), ("unch", summary.Unchanged), ("unm", summary.Unmatched),
                ("rej", summary.Rejected), ("by_reason", System.Text.Json.JsonSerializer.Serialize(summary.RejectedByReason)));
            InterruptedIngests.End(connection, fileId);

            var merged = watch.Elapsed;
            var mergedCpu = Cpu();
            foreach (var observer in observers) observer.OnFileLoaded(connection, summary, ct);
            var observed = watch.Elapsed;
            var observedCpu = Cpu();
            tx.Commit();
            // CPU seconds beside wall seconds: on a shared machine they show what a phase costs whatever the load.
            // "refreshed" is the observers' share (the monthly indicators), before and after the apply.
            logger.LogDebug("{File}: staged {Staged:F2}s (cpu {StagedCpu:F1}s), merged {Merged:F2}s (cpu {MergedCpu:F1}s: " +
                "outcomes {Compared:F2}s, history {Kept:F2}s, apply {Applied:F2}s), refreshed {Refreshed:F2}s (cpu {RefreshedCpu:F1}s), committed {Committed:F2}s",
                name, staged.TotalSeconds, (stagedCpu - startCpu).TotalSeconds,
                (merged - staged - beforeApply).TotalSeconds, (mergedCpu - stagedCpu - beforeApplyCpu).TotalSeconds,
                (compared - staged).TotalSeconds, (kept - historyStart).TotalSeconds, (merged - kept).TotalSeconds,
                (observed - merged + beforeApply).TotalSeconds, (observedCpu - mergedCpu + beforeApplyCpu).TotalSeconds,
                (watch.Elapsed - observed).TotalSeconds);
            summary = summary with { Duration = watch.Elapsed };
            logger.LogInformation("Ingested {Rows} rows from {File} in {Seconds:F1}s: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Unmatched} unmatched, {Rejected} rejected",
                summary.RowsRead, name, watch.Elapsed.TotalSeconds, summary.Inserted, summary.Updated, summary.Unchanged, summary.Unmatched, summary.Rejected);
            return summary;
        }
        catch
        {
            tx?.Rollback();
            CleanUpFailedFile(connection, intent);
            throw;
        }
        finally
        {
            tx?.Dispose();
        }
    }

    /// <summary>Data records in file order, numbered (<c>seq</c>), on their way to a judge.</summary>
    private sealed record RecordBatch(long FirstSeq, List<SourceRecord> Records, HeaderMatch Header);

    /// <summary>One batch judged: valid rows as staging-file text, the few the file cannot carry, and the rejects.</summary>
    private sealed class JudgedBatch(int count)
    {
        public StringBuilder Text { get; } = new(count * 160);
        public int TextRows { get; set; }
        public List<(long Seq, long Line, object?[] Values)> Appended { get; } = [];
        public List<(long Line, string Reason, string Raw, string? Field, string? Sheet, long Seq)> Rejects { get; } = [];
    }

    /// <summary>
    /// One thread reads and numbers the records; one judge per core checks, hashes and formats them and writes its
    /// valid rows to the staging file itself (the order of lines there does not matter: each carries its
    /// <c>seq</c>), which DuckDB loads in parallel, part by part. This thread, the only one that touches the
    /// connection, meanwhile loads each finished part, appends the rejects and the rare rows the file cannot
    /// carry, and reports progress. Judging is
    /// the bound (HMAC of ID numbers, parsing, content hashes: ~2 µs a service record on one core), so it is
    /// what runs on every core; a separate writer thread used to spin on its queue for a fifth of the CPU.
    /// </summary>
    private (long RowsRead, Dictionary<string, long> Rejected) StageRows(DuckDBConnection connection,
        HeaderedRecords records, KindLoader loader, RecordSource source, string name,
        Stopwatch watch, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        const int batchSize = 4096;
        var judges = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var read = new BlockingCollection<RecordBatch>(boundedCapacity: 4 * judges);
        var rare = new ConcurrentQueue<JudgedBatch>();
        long rowsRead = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var file = StagingFile.Create();
        var reader = Task.Run(() =>
        {
            try
            {
                long seq = 0;
                var batch = new List<SourceRecord>(batchSize);
                var header = records.First;
                foreach (var (recordHeader, record) in records.Data())
                {
                    if (record.IsBlank || IsTotals(record)) continue;
                    // A batch holds the rows of one header (an XLSX sheet's): a new sheet starts a new batch.
                    if (recordHeader != header && batch.Count > 0)
                    {
                        read.Add(new RecordBatch(seq + 1, batch, header), stop.Token);
                        seq += batch.Count;
                        batch = new List<SourceRecord>(batchSize);
                    }
                    header = recordHeader;
                    batch.Add(record);
                    if (batch.Count == batchSize)
                    {
                        read.Add(new RecordBatch(seq + 1, batch, header), stop.Token);
                        seq += batch.Count;
                        batch = new List<SourceRecord>(batchSize);
                    }
                }
                if (batch.Count > 0) read.Add(new RecordBatch(seq + 1, batch, header), stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                stop.Cancel();
                throw;
            }
            finally
            {
                read.CompleteAdding();
            }
        }, stop.Token);
        var workers = Enumerable.Range(0, judges).Select(_ => Task.Run(() =>
        {
            var ctx = new RowContext(records.First, Today, secret.Key);
            var width = loader.Columns.Count - 1;
            try
            {
                foreach (var batch in read.GetConsumingEnumerable(stop.Token))
                {
                    var header = batch.Header;
                    if (ctx.Header != header) ctx = new RowContext(header, Today, secret.Key);
                    var headerWidth = header.Header.Cells.Length;
                    var result = new JudgedBatch(batch.Records.Count);
                    var values = new object?[width];
                    for (var i = 0; i < batch.Records.Count; i++)
                    {
                        var record = batch.Records[i];
                        var seq = batch.FirstSeq + i;
                        string? reason;
                        if (record.Malformed || (record.Values is null && record.Cells.Length != headerWidth))
                            reason = RejectReason.MalformedRow;
                        else
                        {
                            ctx.Record = record;
                            try
                            {
                                reason = loader.Stage(ctx, values);
                            }
                            catch (Exception e) when (e is not OperationCanceledException)
                            {
                                // A row the judges cannot handle is a bug of ours, not a reject: fail the file
                                // (nothing of it is stored) and name the line, so the analyst can send it in.
                                throw new IngestFailedException(name,
                                    $"line {record.Line}: the row could not be judged ({e.GetType().Name}: {e.Message}); " +
                                    "nothing of this file was stored. This is a fault of VolunteerStats, not of the file: please report it with that line.", e);
                            }
                        }
                        if (reason is not null)
                            result.Rejects.Add((record.Line, reason, Redaction.RejectText(record, header),
                                RejectReason.FieldFor(loader.Kind, reason, ctx, record), record.Sheet, seq));
                        else if (StagingFile.TryFormat(result.Text, seq, values, record.Line))
                            result.TextRows++;
                        else
                        {
                            result.Appended.Add((seq, record.Line, values));
                            values = new object?[width];
                        }
                    }
                    file.Write(result.Text, result.TextRows);
                    if (result.Rejects.Count > 0 || result.Appended.Count > 0) rare.Enqueue(result);
                    if (AfterRowStaged is { } staged)
                        for (var seq = batch.FirstSeq; seq < batch.FirstSeq + batch.Records.Count; seq++) staged(seq);
                    Interlocked.Add(ref rowsRead, batch.Records.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                stop.Cancel();
                throw;
            }
        }, stop.Token)).ToArray();
        var all = Task.WhenAll([reader, .. workers]);

        var rejected = new Dictionary<string, long>();
        try
        {
            using var rows = connection.CreateAppender("temp", "main", "stage_rows");
            using var rejects = connection.CreateAppender("temp", "main", "stage_rejects");
            void Drain()
            {
                while (rare.TryDequeue(out var batch))
                {
                    foreach (var (seq, line, values) in batch.Appended)
                    {
                        var row = rows.CreateRow().AppendValue(seq);
                        foreach (var value in values) Append(row, value);
                        row.AppendValue(line).EndRow();
                    }
                    foreach (var (line, reason, raw, field, sheet, seq) in batch.Rejects)
                    {
                        rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
                        rejects.CreateRow().AppendValue(line).AppendValue(reason).AppendValue(raw).AppendValue(field).AppendValue(sheet).AppendValue(seq).EndRow();
                    }
                }
            }

            // Sleeps between rounds rather than spinning on a queue: the judges need both cores.
            while (!Settled(all, TimeSpan.FromMilliseconds(200)))
            {
                Drain();
                file.LoadReady(connection, "temp.main.stage_rows");
                progress?.Report(new IngestProgress(name, Interlocked.Read(ref rowsRead), source.Position, source.Length, watch.Elapsed));
            }
            if (all.IsFaulted || all.IsCanceled)
            {
                // When a thread failed, the others were cancelled: the first real error is the one to report.
                var cause = workers.Prepend(reader).Select(t => t.Exception?.InnerException)
                    .FirstOrDefault(e => e is not null and not OperationCanceledException);
                if (cause is not null) ExceptionDispatchInfo.Throw(cause);
                ct.ThrowIfCancellationRequested();
                throw new OperationCanceledException(ct);
            }
            Drain();
        }
        catch
        {
            // Whatever failed, no thread may still write to the staging file once it is deleted.
            stop.Cancel();
            Settled(all, Timeout.InfiniteTimeSpan);
            throw;
        }
        var written = watch.Elapsed;
        file.LoadInto(connection, "temp.main.stage_rows");
        logger.LogDebug("{File}: {Rows} rows judged and written to the staging file by {Written:F2}s, loaded in {Loaded:F2}s",
            name, file.Rows, written.TotalSeconds, (watch.Elapsed - written).TotalSeconds);
        progress?.Report(new IngestProgress(name, rowsRead, source.Length, source.Length, watch.Elapsed));
        return (rowsRead, rejected);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a task; true when it has ended, whether it succeeded or not.</summary>
    private static bool Settled(Task task, TimeSpan timeout)
    {
        try
        {
            return task.Wait(timeout, CancellationToken.None);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    private static void Append(DuckDB.NET.Data.IDuckDBAppenderRow row, object? value)
    {
        switch (value)
        {
            case null: row.AppendNullValue(); break;
            case string s: row.AppendValue(s); break;
            case long l: row.AppendValue(l); break;
            case int i: row.AppendValue(i); break;
            case bool b: row.AppendValue(b); break;
            case DateOnly d: row.AppendValue(d); break;
            case Guid g: row.AppendValue(g); break;
            default: throw new InvalidOperationException($"Cannot stage a value of type {value.GetType()}");
        }
    }

    private static bool IsTotals(SourceRecord record)
    {
        var first = record.Cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim();
        return first is not null && TotalsMarkers.Contains(first);
    }

    /// <summary>
    /// After a failed file's rollback: frees its temporary tables (a server's connection lives on) and ends its intent,
    /// since nothing of it is stored. Should either fail, the next file replaces the tables, and the next opening of
    /// the database undoes the intent, which is then a no-op.
    /// </summary>
    private static void CleanUpFailedFile(DuckDBConnection connection, long? intent)
    {
        try
        {
            if (intent is { } fileId) InterruptedIngests.End(connection, fileId);
            foreach (var view in (string[])["stage_final", "stage_replaced"])
                connection.Execute($"DROP VIEW IF EXISTS temp.main.{view}");
            foreach (var table in (string[])["stage_rows", "stage_rejects", "stage_outcome"])
                connection.Execute($"DROP TABLE IF EXISTS temp.main.{table}");
        }
        catch (DuckDBException)
        {
            // The failure being thrown matters more.
        }
    }

    /// <summary>Throws when the database was built with another site secret, before any work on the file.</summary>
    private void VerifySecret(DuckDBConnection connection)
    {
        var stored = connection.Scalar<string>("SELECT secret_fingerprint FROM site LIMIT 1");
        if (stored is not null && stored != secret.Fingerprint)
            throw new InvalidOperationException(
                $"The site secret at '{secret.Path}' is not the one this database was built with, so ID numbers would no longer match. " +
                "Restore the original key file (see README, 'Site secret'), or point VOLSTATS_SECRET_FILE at it.");
    }

    /// <summary>Records the site secret's fingerprint in a database that has none yet (inside the file's transaction).</summary>
    private void CheckSecret(DuckDBConnection connection)
    {
        VerifySecret(connection);
        if (connection.Scalar<string>("SELECT secret_fingerprint FROM site LIMIT 1") is null)
            connection.Execute("INSERT INTO site VALUES ($f)", ("f", secret.Fingerprint));
    }

    private static Dictionary<string, string> Identifiers(KindLoader loader)
    {
        var columns = loader.Columns;
        return new Dictionary<string, string>
        {
            ["table"] = loader.Table,
            ["history"] = loader.HistoryTable ?? "",
            ["columns"] = string.Join(", ", columns),
            ["stored_columns"] = string.Join(", ", columns.Select(c => "t." + c)),
            ["staged_columns"] = string.Join(", ", columns.Select(c => "s." + c)),
            ["matched"] = loader.MatchedCondition,
        };
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
