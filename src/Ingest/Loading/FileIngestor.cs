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
/// This part is the file's way through the transaction; reading and judging the rows is in
/// <c>FileIngestor.Judging.cs</c>, the timing of the phases in <c>FileIngestor.Timing.cs</c>.
/// </summary>
public sealed partial class FileIngestor(
    SiteSecret secret,
    TimeProvider clock,
    IEnumerable<IIngestObserver> observers,
    ILogger<FileIngestor> logger,
    Microsoft.Extensions.Options.IOptions<LocalTimeOptions> local)
{
    /// <summary>
    /// Whether a CSV record whose source hash is stored is counted unchanged without being judged (schema 0016). The
    /// counts and the stored rows are the same either way; tests turn it off to compare.
    /// </summary>
    internal bool UseSourceHashes { get; set; } = true;

    /// <summary>At most this many judge threads (default: one per core, at most 4); the server sets fewer to leave a core to its requests.</summary>
    public int? MaxThreads { get; set; }

    /// <summary>Rows of the last file this ingestor loaded that were found stored by their source hash (not judged).</summary>
    internal long LastFoundBySource { get; private set; }

    /// <summary>
    /// Whether a file whose staged keys are all distinct takes the merge's shorter ways (<c>MergeDistinctKeys.sql</c>,
    /// <c>MergeFirst.sql</c>). The counts and the stored rows are the same either way; tests turn it off to compare.
    /// </summary>
    internal bool UseShortMerges { get; set; } = true;

    /// <summary>The merge script the last file took (<c>Merge</c>, <c>MergeDistinctKeys</c> or <c>MergeFirst</c>).</summary>
    internal string? LastMerge { get; private set; }

    /// <summary>Called after the rows are staged and before the merge; tests use it to inject a failure mid-file.</summary>
    internal Action<long>? AfterRowStaged { get; set; }

    private readonly TimeZoneInfo _zone = local.Value.Zone;

    public DateOnly Today => LocalTimeOptions.TodayIn(_zone, clock);

    public IngestSummary Ingest(DuckDBConnection connection, string path, FileKind? kind = null, string? displayName = null,
        IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var name = displayName ?? Path.GetFileName(path);
        if (!File.Exists(path)) throw new IngestFailedException(name, "file not found.");
        var watch = Stopwatch.StartNew();
        LastFoundBySource = 0;
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
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {StageTables.Rows} AS SELECT 0::BIGINT AS seq, {StageColumns(loader)} FROM {loader.Table} LIMIT 0");
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {StageTables.Rejects} (line BIGINT, reason VARCHAR, raw VARCHAR, field VARCHAR, sheet VARCHAR, seq BIGINT)");
        DuckDBTransaction? tx = null;
        long? intent = null;
        try
        {
            var phases = new Phases(watch);
            // What is stored already, so that a row that changes nothing is not staged (ContentFingerprints).
            var loadStarted = watch.Elapsed;
            var stored = ContentFingerprints.Load(connection, loader.Table);
            var tableWasEmpty = stored is null;
            phases.Fingerprinted(stored?.Count ?? 0);
            logger.LogDebug("{File}: {Stored} content and {Sources} source hashes of stored rows read in {Seconds:F2}s",
                name, stored?.Count ?? 0, stored?.Sources ?? 0, (watch.Elapsed - loadStarted).TotalSeconds);
            var counts = StageRows(connection, records, loader, source, name, stored, watch, progress, ct);
            stored = null; // no longer needed: let the collector have it before the merge
            phases.Staged();

            // Committed on its own, so that a kill during the commit below can be undone (InterruptedIngests).
            var fileId = InterruptedIngests.Begin(connection, name, sha, clock.GetUtcNow().UtcDateTime);
            intent = fileId;
            tx = connection.BeginTransaction();
            CheckSecret(connection);
            var identifiers = Identifiers(loader);
            // Which way of the merge: every key staged once needs no ordering of versions in the file (KeyHashes), and
            // with an empty table no stored version either. The same rows and counts come out of each (tests).
            LastMerge = !counts.KeysDistinct || !UseShortMerges ? "Merge" : tableWasEmpty ? "MergeFirst" : "MergeDistinctKeys";
            SqlBatch.Execute(connection, SqlScripts.Load($"Loading/{LastMerge}.sql"), identifiers);
            if (LastMerge != "MergeFirst") SqlBatch.Execute(connection, SqlScripts.Load("Loading/MergeViews.sql"), identifiers);
            logger.LogDebug("{File}: merged by {Merge}.sql", name, LastMerge);
            var outcomes = new Dictionary<string, long>();
            foreach (var row in connection.Query(SqlBatch.Substitute(SqlScripts.Load("Loading/Outcomes.sql"), identifiers)))
                outcomes[row.GetString(0)] = row.GetInt64(1);
            phases.Compared();
            foreach (var observer in observers) observer.OnFileStaged(connection, loader.Kind, ct);
            phases.ObservedBeforeApply();
            if (loader.HistoryTable is not null)
                SqlBatch.Execute(connection, SqlScripts.Load("Loading/History.sql"), identifiers, ("file_id", fileId));
            phases.Kept();
            SqlBatch.Execute(connection, SqlScripts.Load("Loading/Apply.sql"), identifiers, ("file_id", fileId), ("kind", loader.Kind.Name));

            var summary = new IngestSummary(name, loader.Kind.Name, counts.RowsRead,
                outcomes.GetValueOrDefault("inserted"), outcomes.GetValueOrDefault("updated"),
                outcomes.GetValueOrDefault("unchanged") + counts.StoredUnchanged, outcomes.GetValueOrDefault("unmatched"),
                counts.Rejected.Values.Sum(), counts.Rejected, false) { FileId = fileId, Warnings = [.. records.Warnings] };
            if (summary.Inserted + summary.Updated + summary.Unchanged + summary.Unmatched + summary.Rejected != summary.RowsRead)
                throw new InvalidOperationException($"{name}: row accounting does not add up ({summary}); nothing was stored.");

            connection.Execute(
                """
                INSERT INTO files VALUES ($id, $sha, $name, $kind, $now, $rows, $ins, $upd, $unch, $unm, $rej, $by_reason)
                """,
                ("id", fileId), ("sha", sha), ("name", name), ("kind", summary.Kind), ("now", clock.GetUtcNow().UtcDateTime), ("rows", summary.RowsRead),
                ("ins", summary.Inserted), ("upd", summary.Updated), ("unch", summary.Unchanged), ("unm", summary.Unmatched),
                ("rej", summary.Rejected), ("by_reason", System.Text.Json.JsonSerializer.Serialize(summary.RejectedByReason)));
            InterruptedIngests.End(connection, fileId);

            phases.Merged();
            foreach (var observer in observers) observer.OnFileLoaded(connection, summary, ct);
            phases.Observed();
            tx.Commit();
            phases.Log(logger, name);
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
            foreach (var view in (string[])[StageTables.Final, StageTables.Replaced])
                connection.Execute($"DROP VIEW IF EXISTS temp.main.{view}");
            foreach (var table in (string[])[StageTables.Rows, StageTables.Rejects, StageTables.Outcome, "stage_stored_again"])
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

    /// <summary>
    /// The columns of <c>stage_rows</c> after <c>seq</c>: the loader's, with the row's source hash before <c>line</c>
    /// (the judges write a row's values, then its source hash, then its line).
    /// </summary>
    private static string StageColumns(KindLoader loader) => StagedValueColumns(loader) + ", line";

    /// <summary>The staged columns between <c>seq</c> and <c>line</c>: the loader's values and the source hash.</summary>
    private static string StagedValueColumns(KindLoader loader, string prefix = "") =>
        string.Join(", ", loader.Columns.Take(loader.Columns.Count - 1).Append("source_hash").Select(c => prefix + c));

    private static Dictionary<string, string> Identifiers(KindLoader loader)
    {
        var columns = loader.Columns;
        var identifiers = new Dictionary<string, string>
        {
            ["table"] = loader.Table,
            ["history"] = loader.HistoryTable ?? "",
            ["columns"] = string.Join(", ", columns),
            ["stored_columns"] = string.Join(", ", columns.Select(c => "t." + c)),
            ["staged_columns"] = string.Join(", ", columns.Select(c => "s." + c)),
            ["matched"] = loader.MatchedCondition,
        };
        foreach (var (placeholder, table) in StageTables.Identifiers) identifiers[placeholder] = table;
        return identifiers;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
