using DuckDB.NET.Data;
using VolunteerStats.Ingest.Loading;

namespace VolunteerStats.Ingest.Storage;

/// <summary>
/// Makes a file's ingest all or nothing even when the process is killed while DuckDB commits it. Before the file's
/// transaction an intent naming its file_id is committed on its own; the transaction deletes it together with
/// storing the file. An intent found when the database is opened for writing therefore belongs to an ingest that never
/// completed, and whatever of it DuckDB recovered anyway (whole row groups written ahead; seen with 1.5.6) is removed
/// and the derived tables are rebuilt, in one transaction, before anyone reads or writes.
/// </summary>
public static class InterruptedIngests
{
    /// <summary>
    /// Ingests under way in this process, by database file and file_id. DuckDB keeps other processes out of a file
    /// being written, but not other connections of this one: their intents are not interrupted and are left alone.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Database, long FileId), byte> Live = new();

    private static string Key(DuckDBConnection connection) => Path.GetFullPath(connection.DataSource);

    /// <summary>
    /// Commits the intent of an ingest that is about to start, at <paramref name="now"/> (UTC, the injected clock's),
    /// and returns the file_id it will store under.
    /// </summary>
    public static long Begin(DuckDBConnection connection, string name, string sha256, DateTime now)
    {
        var fileId = connection.Scalar<long>(
            "SELECT greatest((SELECT coalesce(max(file_id), 0) FROM files), (SELECT coalesce(max(file_id), 0) FROM ingest_intents)) + 1");
        Live[(Key(connection), fileId)] = 0;
        connection.Execute("INSERT INTO ingest_intents VALUES ($id, $name, $sha, $now)",
            ("id", fileId), ("name", name), ("sha", sha256), ("now", now));
        return fileId;
    }

    /// <summary>
    /// Inside the file's transaction (the ingest completes with it), or after that transaction was rolled back in this
    /// process (nothing of it is stored).
    /// </summary>
    public static void End(DuckDBConnection connection, long fileId)
    {
        connection.Execute("DELETE FROM ingest_intents WHERE file_id = $id", ("id", fileId));
        Live.TryRemove((Key(connection), fileId), out _);
    }

    public static bool Any(DuckDBConnection connection) =>
        connection.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ingest_intents'") > 0
        && Interrupted(connection).Count > 0;

    private static List<(long FileId, string Name)> Interrupted(DuckDBConnection connection)
    {
        var database = Key(connection);
        return connection.Query("SELECT file_id, name FROM ingest_intents ORDER BY file_id")
            .Select(r => (FileId: r.GetInt64(0), Name: r.GetString(1)))
            .Where(i => !Live.ContainsKey((database, i.FileId)))
            .ToList();
    }

    /// <summary>Undoes every interrupted ingest; returns their file names. Call between transactions.</summary>
    public static IReadOnlyList<string> Undo(DuckDBConnection connection, IEnumerable<IIngestObserver> observers)
    {
        var intents = Interrupted(connection);
        if (intents.Count == 0) return [];
        using var tx = connection.BeginTransaction();
        foreach (var (fileId, _) in intents)
        {
            // Every kind's table, from the loaders that name them, so that a new kind cannot be missed here.
            foreach (var loader in KindLoader.All)
            {
                SqlBatch.Execute(connection, SqlScripts.Load("Storage/UndoRows.sql"),
                    new Dictionary<string, string> { ["table"] = loader.Table }, ("file_id", fileId));
                if (loader.HistoryTable is { } history)
                    SqlBatch.Execute(connection, SqlScripts.Load("Storage/UndoHistory.sql"),
                        new Dictionary<string, string> { ["history"] = history }, ("file_id", fileId));
            }
            SqlBatch.Execute(connection, SqlScripts.Load("Storage/UndoIngest.sql"), null, ("file_id", fileId));
        }
        foreach (var observer in observers) observer.OnIngestUndone(connection, CancellationToken.None);
        tx.Commit();
        return intents.Select(i => i.Name).ToList();
    }
}
