using System.Diagnostics;
using System.Security.Cryptography;
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
        using var records = source.Records(path).GetEnumerator();
        var header = FindHeader(records, kind, name);
        var loader = KindLoader.For(header.Kind);
        logger.LogInformation("Ingesting {File} as {Kind}", name, header.Kind.Name);

        using var tx = connection.BeginTransaction();
        try
        {
            CheckSecret(connection);
            var columns = loader.Columns;
            connection.Execute($"CREATE OR REPLACE TEMP TABLE stage_rows AS SELECT 0::BIGINT AS seq, {string.Join(", ", columns)} FROM {loader.Table} LIMIT 0");
            connection.Execute("CREATE OR REPLACE TEMP TABLE stage_rejects (line BIGINT, reason VARCHAR, raw VARCHAR)");

            var counts = StageRows(connection, records, header, loader, source, name, watch, progress, ct);
            var staged = watch.Elapsed;

            var fileId = connection.Scalar<long>("SELECT coalesce(max(file_id), 0) + 1 FROM files");
            var identifiers = Identifiers(loader);
            SqlBatch.Execute(connection, SqlScripts.Load("Loading/Merge.sql"), identifiers);
            var outcomes = new Dictionary<string, long>();
            foreach (var row in connection.Query(SqlScripts.Load("Loading/Outcomes.sql")))
                outcomes[row.GetString(0)] = row.GetInt64(1);
            var beforeApply = watch.Elapsed;
            foreach (var observer in observers) observer.OnFileStaged(connection, loader.Kind, ct);
            var observedBeforeApply = watch.Elapsed - beforeApply;
            if (loader.HistoryTable is not null)
                SqlBatch.Execute(connection, SqlScripts.Load("Loading/History.sql"), identifiers, ("file_id", fileId));
            SqlBatch.Execute(connection, SqlScripts.Load("Loading/Apply.sql"), identifiers, ("file_id", fileId), ("kind", loader.Kind.Name));

            var summary = new IngestSummary(name, loader.Kind.Name, counts.RowsRead,
                outcomes.GetValueOrDefault("inserted"), outcomes.GetValueOrDefault("updated"),
                outcomes.GetValueOrDefault("unchanged"), outcomes.GetValueOrDefault("unmatched"),
                counts.Rejected.Values.Sum(), counts.Rejected, false) { FileId = fileId };
            if (summary.Inserted + summary.Updated + summary.Unchanged + summary.Unmatched + summary.Rejected != summary.RowsRead)
                throw new InvalidOperationException($"{name}: row accounting does not add up ({summary}); nothing was stored.");

            connection.Execute(
                """
                INSERT INTO files VALUES ($id, $sha, $name, $kind, now()::TIMESTAMP, $rows, $ins, $upd, $unch, $unm, $rej, $by_reason)
                """,
                ("id", fileId), ("sha", sha), ("name", name), ("kind", summary.Kind), ("rows", summary.RowsRead),
                ("ins", summary.Inserted), ("upd", summary.Updated), ("unch", summary.Unchanged), ("unm", summary.Unmatched),
                ("rej", summary.Rejected), ("by_reason", System.Text.Json.JsonSerializer.Serialize(summary.RejectedByReason)));

            var merged = watch.Elapsed;
            foreach (var observer in observers) observer.OnFileLoaded(connection, summary, ct);
            var observed = watch.Elapsed;
            tx.Commit();
            // "refreshed" is the observers' share (the monthly indicators), before and after the apply.
            var refreshed = observed - merged + observedBeforeApply;
            logger.LogDebug("{File}: staged {Staged:F2}s, merged {Merged:F2}s, refreshed {Refreshed:F2}s, committed {Committed:F2}s",
                name, staged.TotalSeconds, (merged - staged - observedBeforeApply).TotalSeconds, refreshed.TotalSeconds, (watch.Elapsed - observed).TotalSeconds);
            summary = summary with { Duration = watch.Elapsed };
            logger.LogInformation("Ingested {Rows} rows from {File} in {Seconds:F1}s: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Unmatched} unmatched, {Rejected} rejected",
                summary.RowsRead, name, watch.Elapsed.TotalSeconds, summary.Inserted, summary.Updated, summary.Unchanged, summary.Unmatched, summary.Rejected);
            return summary;
        }
        catch
        {
            tx.Rollback();
            throw;
        }
    }

    /// <summary>One judged row on its way to the appender: values when valid, else the reason and raw text.</summary>
    private readonly record struct JudgedRow(long Seq, long Line, object?[]? Values, string? Reason, string? Raw);

    /// <summary>
    /// Reads and judges rows on a worker thread while this thread appends them to DuckDB, so that the two
    /// costs overlap on two cores instead of adding up. Only this thread touches the connection.
    /// </summary>
    private (long RowsRead, Dictionary<string, long> Rejected) StageRows(DuckDBConnection connection,
        IEnumerator<SourceRecord> records, HeaderMatch header, KindLoader loader, RecordSource source, string name,
        Stopwatch watch, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        const int batchSize = 4096;
        var batches = new System.Collections.Concurrent.BlockingCollection<List<JudgedRow>>(boundedCapacity: 8);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() =>
        {
            try
            {
                var ctx = new RowContext(header, Today, secret.Key);
                var width = loader.Columns.Count - 1;
                var headerWidth = header.Header.Cells.Length;
                long seq = 0;
                var batch = new List<JudgedRow>(batchSize);
                while (records.MoveNext())
                {
                    var record = records.Current;
                    if (record.IsBlank || IsTotals(record)) continue;
                    seq++;
                    string? reason;
                    object?[]? values = null;
                    if (record.Malformed || (record.Values is null && record.Cells.Length != headerWidth))
                        reason = RejectReason.MalformedRow;
                    else
                    {
                        ctx.Record = record;
                        values = new object?[width];
                        reason = loader.Stage(ctx, values);
                    }
                    batch.Add(reason is null
                        ? new JudgedRow(seq, record.Line, values, null, null)
                        : new JudgedRow(seq, record.Line, null, reason, RedactRaw(record, header)));
                    if (batch.Count == batchSize)
                    {
                        batches.Add(batch, stop.Token);
                        batch = new List<JudgedRow>(batchSize);
                    }
                }
                if (batch.Count > 0) batches.Add(batch, stop.Token);
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, stop.Token);

        var rejected = new Dictionary<string, long>();
        long rowsRead = 0;
        try
        {
            // Staging is temporary (memory, spilling past the limit): appending there costs a third of a
            // persistent table, and only the final rows are written to the database file.
            using var rows = connection.CreateAppender("temp", "main", "stage_rows");
            using var rejects = connection.CreateAppender("temp", "main", "stage_rejects");
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                foreach (var judged in batch)
                {
                    rowsRead = judged.Seq;
                    if (judged.Values is { } values)
                    {
                        var row = rows.CreateRow().AppendValue(judged.Seq);
                        foreach (var value in values) Append(row, value);
                        row.AppendValue(judged.Line).EndRow();
                    }
                    else
                    {
                        rejected[judged.Reason!] = rejected.GetValueOrDefault(judged.Reason!) + 1;
                        rejects.CreateRow().AppendValue(judged.Line).AppendValue(judged.Reason).AppendValue(judged.Raw).EndRow();
                    }
                    AfterRowStaged?.Invoke(judged.Seq);
                }
                if (progress is not null && (rowsRead & ~0xFFFFL) != ((rowsRead - batch.Count) & ~0xFFFFL))
                    progress.Report(new IngestProgress(name, rowsRead, source.Position, source.Length, watch.Elapsed));
            }
        }
        catch
        {
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
            throw;
        }
        producer.GetAwaiter().GetResult(); // a reading error surfaces here
        progress?.Report(new IngestProgress(name, rowsRead, source.Length, source.Length, watch.Elapsed));
        return (rowsRead, rejected);
    }

    /// <summary>The raw text of a rejected row with ID and phone numbers redacted and the name masked.</summary>
    private static string RedactRaw(SourceRecord record, HeaderMatch header)
    {
        var raw = Redaction.Redact(record.Raw);
        var nameColumn = header.Column("name");
        if (nameColumn >= 0 && !record.Malformed && record.Cell(nameColumn).Trim() is { Length: > 1 } name
            && PersonIdentity.MaskName(name) is { } masked)
            raw = raw.Replace(name, masked, StringComparison.Ordinal);
        return raw;
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

    private static HeaderMatch FindHeader(IEnumerator<SourceRecord> records, FileKind? kind, string name)
    {
        for (var i = 0; i < HeaderMatch.SearchRows && records.MoveNext(); i++)
        {
            var match = HeaderMatch.Find(records.Current, kind);
            if (match is not null) return match;
        }
        var lookedFor = kind is null ? FileKind.All.Select(FieldCatalog.Describe) : [$"at least two fields of {FieldCatalog.Describe(kind)}"];
        throw new IngestFailedException(name,
            $"no header row found in the first {HeaderMatch.SearchRows} rows. Looked for one of: {string.Join("; ", lookedFor)}. " +
            "Check that this is a volunteer export and that its header row is within the first 20 rows.");
    }

    private static bool IsTotals(SourceRecord record)
    {
        var first = record.Cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim();
        return first is not null && TotalsMarkers.Contains(first);
    }

    private void CheckSecret(DuckDBConnection connection)
    {
        var stored = connection.Scalar<string>("SELECT secret_fingerprint FROM site LIMIT 1");
        if (stored is null)
            connection.Execute("INSERT INTO site VALUES ($f)", ("f", secret.Fingerprint));
        else if (stored != secret.Fingerprint)
            throw new InvalidOperationException(
                $"The site secret at '{secret.Path}' is not the one this database was built with, so ID numbers would no longer match. " +
                "Restore the original key file (see README, 'Site secret'), or point VOLSTATS_SECRET_FILE at it.");
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

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
