using System.Data;
using DuckDB.NET.Data;

namespace VolunteerStats.Ingest.Storage;

/// <summary>Options for the DuckDB file that holds everything VolunteerStats knows.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Path of the DuckDB file. Defaults to <c>data/volstats.duckdb</c> (or <c>VOLSTATS_DB</c>).</summary>
    public string Path { get; set; } = "data/volstats.duckdb";

    /// <summary>
    /// DuckDB's memory limit; larger work spills to a temp folder beside the file. Defaults to <c>512MB</c>:
    /// measured on a 3-million-row ingest, 1GB raised peak RSS from 0.9 to 1.4 GiB without being faster.
    /// </summary>
    public string MemoryLimit { get; set; } = "512MB";

    /// <summary>
    /// Whether a missing folder of <see cref="Path"/> is created. Defaults to true (the default path's <c>data/</c>);
    /// the command line sets it to false for a path the user typed, so that a mistyped folder is an error rather
    /// than a new, empty database.
    /// </summary>
    public bool CreateFolder { get; set; } = true;
}

/// <summary>
/// Opens connections to the DuckDB file and keeps its schema current. One process writes
/// (CLI ingest, or the server); a connection is never shared between threads.
/// </summary>
/// <remarks>
/// <paramref name="observers"/> are the ingest's (<see cref="Loading.IIngestObserver"/>): what they derive is rebuilt
/// when an interrupted ingest is undone at opening, so pass the same ones the ingest has. <paramref name="clock"/>
/// stamps the schema versions applied; defaults to the system clock.
/// </remarks>
public sealed class Database(DatabaseOptions options, IEnumerable<Loading.IIngestObserver> observers, TimeProvider? clock = null)
{
    private const string SchemaPrefix = "Storage/Schema/";

    public string Path => options.Path;

    /// <summary>
    /// Opens a read-write connection, creating the file, applying pending schema scripts and undoing an ingest a
    /// killed process left unfinished (<see cref="InterruptedIngests"/>).
    /// </summary>
    public DuckDBConnection OpenWrite()
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
        {
            if (!options.CreateFolder)
                throw new NotAVolunteerStatsDatabaseException(
                    $"--db {options.Path}: the folder '{dir}' does not exist, so there is no database there. " +
                    $"Check the path; to start a new database there, create the folder first (mkdir -p '{dir}').");
            Directory.CreateDirectory(dir);
        }
        if (File.Exists(options.Path)) EnsureVolunteerStats(options.Path, "--db " + options.Path);
        var connection = Open($"Data Source={options.Path}");
        try
        {
            Configure(connection);
            Migrate(connection, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
            foreach (var name in InterruptedIngests.Undo(connection, observers))
                Console.Error.WriteLine($"note: the ingest of {name} was interrupted before it completed; undone, the database is as it was before that file.");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    /// <summary>
    /// Opens a read-only connection; the file must exist. While another process (the server) holds the file,
    /// DuckDB lets nobody else open it, so readers fall back to the read-only snapshot the server publishes
    /// after every change (<see cref="SnapshotPath"/>), and say so on standard error.
    /// </summary>
    public DuckDBConnection OpenRead()
    {
        if (!File.Exists(options.Path))
            throw new FileNotFoundException(
                $"No database at '{options.Path}'. Ingest files first (./volstats ingest FILE…) or pass --db PATH.", options.Path);
        EnsureDuckDb(options.Path, "--db " + options.Path);
        try
        {
            var connection = Open($"Data Source={options.Path};ACCESS_MODE=READ_ONLY");
            try
            {
                EnsureVolunteerStats(connection, "--db " + options.Path);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            if (!IsBehind(connection) && !InterruptedIngests.Any(connection)) return connection;
            // A database written by an earlier version, or left by a killed ingest: bring it up to date once, then read.
            connection.Dispose();
            using (OpenWrite()) { }
            return Open($"Data Source={options.Path};ACCESS_MODE=READ_ONLY");
        }
        catch (DatabaseLockedException) when (File.Exists(SnapshotPath))
        {
            Console.Error.WriteLine($"note: the database is owned by a running server; reading its snapshot of {File.GetLastWriteTime(SnapshotPath):yyyy-MM-dd HH:mm:ss}.");
            return Open($"Data Source={SnapshotPath};ACCESS_MODE=READ_ONLY");
        }
    }

    /// <summary>Where the owner of the database publishes a consistent read-only copy for other processes.</summary>
    public string SnapshotPath => options.Path + ".snapshot";

    /// <summary>
    /// Copies the database to <see cref="SnapshotPath"/> (atomically, by rename) through DuckDB itself. Call it on
    /// the writing connection between transactions. The file is never opened a second time by this process:
    /// closing any other descriptor of it would drop the POSIX lock that keeps other processes out.
    /// </summary>
    public void PublishSnapshot(DuckDBConnection writer)
    {
        var temp = SnapshotPath + ".tmp";
        if (File.Exists(temp)) File.Delete(temp);
        // ATTACH and COPY take no parameters: a quoted path of our own and a quoted catalog name.
        writer.Execute($"ATTACH '{temp.Replace("'", "''")}' AS volstats_snapshot");
        try
        {
            var catalog = writer.Scalar<string>("SELECT current_database()")!;
            writer.Execute($"COPY FROM DATABASE \"{catalog.Replace("\"", "\"\"")}\" TO volstats_snapshot");
        }
        finally
        {
            writer.Execute("DETACH volstats_snapshot");
        }
        File.Move(temp, SnapshotPath, overwrite: true);
    }

    /// <summary>
    /// Throws unless <paramref name="path"/> is a DuckDB file written by VolunteerStats (or an empty DuckDB file), without
    /// changing it: a CSV or a PDF passed as <c>--db</c> by mistake must come out as it went in (CONTRACT §6).
    /// </summary>
    public static void EnsureVolunteerStats(string path, string what)
    {
        EnsureDuckDb(path, what);
        try
        {
            using var connection = Open($"Data Source={path};ACCESS_MODE=READ_ONLY");
            EnsureVolunteerStats(connection, what);
        }
        catch (DatabaseLockedException)
        {
            // Held by a running server: it is ours, and the caller's own open says what to do.
        }
    }

    private static void EnsureDuckDb(string path, string what)
    {
        if (!File.Exists(path)) return;
        // A DuckDB file starts with an 8-byte checksum and the magic "DUCK".
        Span<byte> head = stackalloc byte[12];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 12 && head[8..].SequenceEqual("DUCK"u8)) return;
        var looksLike = read == 0 ? "an empty file"
            : Reading.SourceFile.IsXlsx(path) ? "an Excel workbook"
            : read >= 4 && head[..4].SequenceEqual("%PDF"u8) ? "a PDF document"
            : "not a DuckDB database (perhaps an export file)";
        throw new NotAVolunteerStatsDatabaseException(
            $"{what}: '{path}' is {looksLike}, not a VolunteerStats database; it was not opened and is unchanged. " +
            "--db names the DuckDB file VolunteerStats keeps (default data/volstats.duckdb); export files go after the verb, e.g. ./volstats ingest FILE.");
    }

    private static void EnsureVolunteerStats(DuckDBConnection connection, string what)
    {
        var tables = connection.Query("SELECT table_name FROM duckdb_tables() WHERE NOT temporary")
            .Select(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        if (tables.Count == 0 || (tables.Contains("schema_version") && tables.Contains("files"))) return;
        throw new NotAVolunteerStatsDatabaseException(
            $"{what}: '{connection.DataSource}' is a DuckDB database of something else (tables: {string.Join(", ", tables.Order().Take(5))}{(tables.Count > 5 ? ", …" : "")}), " +
            "not a VolunteerStats database; it was left unchanged. Pass another --db, or none for data/volstats.duckdb.");
    }

    private void Configure(DuckDBConnection connection)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.MemoryLimit, @"^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$"))
            throw new InvalidOperationException($"Database:MemoryLimit '{options.MemoryLimit}' is not a size such as 1GB or 512MB.");
        // A validated constant: SET takes no parameters.
        connection.Execute($"SET memory_limit = '{options.MemoryLimit}'");
        // Rows are always read back with ORDER BY; not keeping insertion order lets large inserts stream.
        connection.Execute("SET preserve_insertion_order = false");
    }

    private static DuckDBConnection Open(string connectionString)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (DuckDB.NET.Data.DuckDBException e) when (e.Message.Contains("Could not set lock", StringComparison.Ordinal))
        {
            connection.Dispose();
            throw new DatabaseLockedException(
                "The database is in use by another VolunteerStats process (probably `./volstats serve`). " +
                "Drop files into the server's inbox folder instead, or stop the server first.", e);
        }
        return connection;
    }

    internal static void Migrate(DuckDBConnection connection, DateTime now)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        var applied = new HashSet<int>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT version FROM schema_version";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) applied.Add(reader.GetInt32(0));
        }
        foreach (var (version, name) in SchemaScripts())
        {
            if (applied.Contains(version)) continue;
            using var tx = connection.BeginTransaction();
            connection.Execute(SqlScripts.Load(name));
            connection.Execute("INSERT INTO schema_version VALUES ($v, $n, $now)", ("v", version), ("n", name), ("now", now));
            tx.Commit();
        }
    }

    private static bool IsBehind(DuckDBConnection connection) =>
        connection.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'") > 0
        && connection.Scalar<long>("SELECT count(DISTINCT version) FROM schema_version") < SchemaScripts().Count();

    internal static IEnumerable<(int Version, string Name)> SchemaScripts() =>
        SqlScripts.Names(typeof(Database).Assembly)
            .Where(n => n.StartsWith(SchemaPrefix, StringComparison.Ordinal))
            .Select(n => (int.Parse(n.AsSpan(SchemaPrefix.Length, 4)), n))
            .OrderBy(s => s.Item1);
}

public sealed class DatabaseLockedException(string message, Exception inner) : Exception(message, inner);

/// <summary><c>--db</c> names something that is not a VolunteerStats database (or a folder that does not exist); nothing was changed.</summary>
public sealed class NotAVolunteerStatsDatabaseException(string message) : InvalidOperationException(message);

/// <summary>Small helpers so that call sites pass values as parameters, never spliced into SQL.</summary>
public static class DuckDbCommandExtensions
{
    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.Command(sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.Command(sql, parameters);
        var value = cmd.ExecuteScalar();
        if (value is null || value is DBNull) return default;
        if (value is T t) return t;
        return (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return cmd;
    }

    public static IEnumerable<IDataRecord> Query(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) yield return reader;
    }
}
