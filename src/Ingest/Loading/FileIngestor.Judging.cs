using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Loading;

/// <summary>Reading and judging a file's rows on their threads, and staging the valid ones (see <c>FileIngestor.cs</c>).</summary>
public sealed partial class FileIngestor
{
    /// <summary>Data records in file order, numbered (<c>seq</c>), on their way to a judge.</summary>
    private sealed record RecordBatch(long FirstSeq, List<SourceRecord> Records, HeaderMatch Header);

    /// <summary>
    /// One batch judged: valid rows as staging-file text (the judge's own buffer, written to the file and cleared after
    /// each batch: a new 1.3 MB buffer per batch of a re-sent file, which stages almost nothing, went to the large
    /// object heap 500 times for 2M rows), the few the file cannot carry, and the rejects.
    /// </summary>
    private sealed class JudgedBatch(StringBuilder text)
    {
        public StringBuilder Text { get; } = text;
        public int TextRows { get; set; }
        public List<(long Seq, long Line, object?[] Values)> Appended { get; } = [];
        public List<(long Line, string Reason, string Raw, string? Field, string? Sheet, long Seq)> Rejects { get; } = [];
    }

    /// <summary>
    /// A row stored already, found by its content hash or, before judging, by its source hash (<paramref name="BySource"/>):
    /// counted unchanged without being staged, unless the file stages another version of its key.
    /// </summary>
    private readonly record struct StoredRow(long Seq, long Line, Guid Hash, bool BySource);

    /// <summary>What one judge saw: the rows it did not stage, and a 64-bit hash of the key of each row it staged.</summary>
    private sealed class JudgeTally
    {
        public List<StoredRow> Stored { get; } = [];

        /// <summary>Sorted once the judge is done (<see cref="KeyHashes.AllDistinct"/>).</summary>
        public List<ulong> Keys { get; } = [];
    }

    /// <summary>
    /// What staging a file counted: rows read, rejects by reason, the rows found stored unchanged (not staged), and
    /// whether every staged key is staged once (no key has another version in the file: the merge need not order them).
    /// </summary>
    private sealed record StageCounts(long RowsRead, Dictionary<string, long> Rejected, long StoredUnchanged, bool KeysDistinct);

    /// <summary>
    /// One thread reads and numbers the records; one judge per core checks, hashes and formats them and writes its
    /// valid rows to the staging file itself (the order of lines there does not matter: each carries its
    /// <c>seq</c>), which DuckDB loads in parallel, part by part. This thread, the only one that touches the
    /// connection, meanwhile loads each finished part, appends the rejects and the rare rows the file cannot
    /// carry, and reports progress. Judging is
    /// the bound (HMAC of ID numbers, parsing, content hashes: ~2 µs a service record on one core), so it is
    /// what runs on every core; a separate writer thread used to spin on its queue for a fifth of the CPU.
    /// A CSV record whose source hash is among <paramref name="stored"/> is not even judged, and a valid row whose
    /// content hash is among them (its key and content are stored already) is not staged: either is unchanged, and
    /// costs only its reading (and judging) (see <see cref="ResolveStoredRows"/> for a key that the file also stages).
    /// Every staged row carries its source hash, which the apply stores.
    /// </summary>
    private StageCounts StageRows(DuckDBConnection connection,
        HeaderedRecords records, KindLoader loader, RecordSource source, string name,
        ContentFingerprints? stored, Stopwatch watch, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        const int batchSize = 4096;
        var judges = Math.Clamp(Math.Min(Environment.ProcessorCount, MaxThreads ?? int.MaxValue), 1, 4);
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
                    if (record.IsBlank || record.IsTotals) continue;
                    // A batch holds the rows of one header (an XLSX sheet's): a new sheet starts a new batch.
                    if (!ReferenceEquals(recordHeader, header) && batch.Count > 0)
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
            var width = loader.Columns.Count - 1; // the loader's values, then the row's source hash
            var tally = new JudgeTally();
            var text = new StringBuilder(batchSize * 160);
            try
            {
                foreach (var batch in read.GetConsumingEnumerable(stop.Token))
                {
                    // Each sheet of a workbook has its own header (HeaderedRecords).
                    var header = batch.Header;
                    if (!ReferenceEquals(ctx.Header, header)) ctx = new RowContext(header, Today, secret.Key);
                    var headerWidth = header.Header.Cells.Length;
                    var result = new JudgedBatch(text);
                    var values = new object?[width + 1];
                    for (var i = 0; i < batch.Records.Count; i++)
                    {
                        var record = batch.Records[i];
                        var seq = batch.FirstSeq + i;
                        string? reason;
                        if (record.Malformed || (record.Values is null && record.CellCount != headerWidth))
                            reason = RejectReason.MalformedRow;
                        else
                        {
                            var source = ctx.SourceHash(record);
                            if (source is { } known && UseSourceHashes && stored is not null && stored.ContainsSource(known))
                            {
                                tally.Stored.Add(new StoredRow(seq, record.Line, known, BySource: true));
                                continue;
                            }
                            values[width] = source;
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
                        else if (stored is not null && stored.Contains((Guid)values[width - 1]!))
                        {
                            tally.Stored.Add(new StoredRow(seq, record.Line, (Guid)values[width - 1]!, BySource: false));
                            continue;
                        }
                        else
                        {
                            tally.Keys.Add(KeyHashes.Of((string)values[0]!));
                            if (StagingFile.TryFormat(result.Text, seq, values, record.Line))
                                result.TextRows++;
                            else
                            {
                                result.Appended.Add((seq, record.Line, values));
                                values = new object?[width + 1];
                            }
                        }
                    }
                    file.Write(result.Text, result.TextRows);
                    text.Clear();
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
            tally.Keys.Sort(); // here, on the judges' cores, rather than on the connection's thread afterwards
            return tally;
        }, stop.Token)).ToArray();
        var all = Task.WhenAll([reader, .. workers.Cast<Task>()]);

        var rejected = new Dictionary<string, long>();
        try
        {
            using var rows = connection.CreateAppender("temp", "main", StageTables.Rows);
            using var rejects = connection.CreateAppender("temp", "main", StageTables.Rejects);
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
                file.LoadReady(connection, $"temp.main.{StageTables.Rows}");
                progress?.Report(new IngestProgress(name, Interlocked.Read(ref rowsRead), source.Position, source.Length, watch.Elapsed));
            }
            if (all.IsFaulted || all.IsCanceled)
            {
                // When a thread failed, the others were cancelled: the first real error is the one to report.
                var cause = workers.Cast<Task>().Prepend(reader).Select(t => t.Exception?.InnerException)
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
        file.LoadInto(connection, $"temp.main.{StageTables.Rows}");
        var tallies = workers.Select(w => w.Result).ToList();
        LastFoundBySource = tallies.Sum(t => t.Stored.Count(r => r.BySource));
        var (unchanged, restaged) = stored is null ? (0L, 0L) : ResolveStoredRows(connection, loader, tallies);
        // A stored row staged again shares its key with a staged row by construction.
        var keysDistinct = restaged == 0 && KeyHashes.AllDistinct(tallies.Select(t => t.Keys).ToList());
        logger.LogDebug("{File}: {Rows} rows judged and written to the staging file by {Written:F2}s, loaded in {Loaded:F2}s; {Unchanged} found stored unchanged ({BySource} of them by their text, not judged)",
            name, file.Rows, written.TotalSeconds, (watch.Elapsed - written).TotalSeconds, unchanged, LastFoundBySource);
        progress?.Report(new IngestProgress(name, rowsRead, source.Length, source.Length, watch.Elapsed));
        return new StageCounts(rowsRead, rejected, unchanged, keysDistinct);
    }

    /// <summary>
    /// Settles the rows the judges found stored and did not stage. Such a row is unchanged (CONTRACT §4: the same key
    /// with the same content as before it), and nothing of it is written, unless the file also stages another version
    /// of its key: then its place in the order of that key's versions matters (an earlier different version makes it
    /// an update back; a later one supersedes it into the history), so it is staged after all, from the stored row,
    /// which holds the same values. The stored rows whose key the file stages are found by one join on the staged
    /// keys (the staged rows are the file's new and changed ones, few in a re-sent export). Returns how many rows
    /// stay unchanged without being staged, and how many were staged again.
    /// </summary>
    private static (long Unchanged, long Restaged) ResolveStoredRows(DuckDBConnection connection, KindLoader loader, List<JudgeTally> tallies)
    {
        var storedRows = tallies.Sum(t => (long)t.Stored.Count);
        if (storedRows == 0) return (0, 0);
        if (connection.Scalar<long>($"SELECT count(*) FROM {StageTables.Rows}") == 0) return (storedRows, 0);
        var identifiers = new Dictionary<string, string>(StageTables.Identifiers)
        {
            ["table"] = loader.Table,
            ["staged_value_columns"] = StagedValueColumns(loader, "t."),
        };
        // The stored versions of the keys the file stages: by content hash and by source hash.
        var contents = new Dictionary<Guid, Guid>();
        var sources = new Dictionary<Guid, Guid>();
        foreach (var row in connection.Query(SqlBatch.Substitute(SqlScripts.Load("Loading/StoredVersionsOfStagedKeys.sql"), identifiers)))
        {
            var content = row.GetGuid(0);
            contents[content] = content;
            if (!row.IsDBNull(1)) sources[row.GetGuid(1)] = content;
        }
        if (contents.Count == 0) return (storedRows, 0);
        var again = tallies.SelectMany(t => t.Stored)
            .Select(r => (Row: r, Content: (r.BySource ? sources : contents).TryGetValue(r.Hash, out var c) ? c : (Guid?)null))
            .Where(r => r.Content is not null)
            .ToList();
        if (again.Count == 0) return (storedRows, 0);
        connection.Execute("CREATE OR REPLACE TEMP TABLE stage_stored_again (seq BIGINT, line BIGINT, content_hash UUID)");
        using (var appender = connection.CreateAppender("temp", "main", "stage_stored_again"))
            foreach (var (row, content) in again)
                appender.CreateRow().AppendValue(row.Seq).AppendValue(row.Line).AppendValue(content!.Value).EndRow();
        SqlBatch.Execute(connection, SqlScripts.Load("Loading/StageStoredAgain.sql"), identifiers);
        return (storedRows - again.Count, again.Count);
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
}
