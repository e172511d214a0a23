using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest.Storage;

/// <summary>
/// The one writer of the DuckDB file in this process: one connection, used by one job at a time behind a gate,
/// whatever the number of Hangfire workers. Readers get their own short-lived connections; in one process
/// DuckDB.NET shares the database instance between connections with the same data source, so readers see
/// committed data (MVCC) and never wait for an ingest.
/// </summary>
public sealed class DatabaseWriter(Database database) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DuckDBConnection? _connection;

    public Database Database => database;

    /// <summary>Runs <paramref name="work"/> on the writing connection, alone.</summary>
    public async Task<T> WriteAsync<T>(Func<DuckDBConnection, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _connection ??= database.OpenWrite();
            return work(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WriteAsync(Action<DuckDBConnection> work, CancellationToken ct) =>
        WriteAsync(c => { work(c); return true; }, ct);

    /// <summary>Runs a read on a connection of its own (opened, after the writer, on the shared instance).</summary>
    public async Task<T> ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken ct)
    {
        if (Volatile.Read(ref _connection) is null) await WriteAsync(_ => true, ct);
        using var connection = new DuckDBConnection($"Data Source={database.Path}");
        await connection.OpenAsync(ct);
        return read(connection);
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
