using Xunit;
using System.Diagnostics;

namespace VolunteerStats.Tests.Support;

/// <summary>
/// A private PostgreSQL 15 cluster in a temporary folder on a free loopback port, installed with apt-get when
/// missing (tests run as root; initdb refuses root, so the cluster runs as the postgres user).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "volstats-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private string DataDir => Path.Combine(_root, "data");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            await RunAsync("apt-get", ["update"], TimeSpan.FromMinutes(3));
            await RunAsync("apt-get", ["install", "-y", "postgresql-15"], TimeSpan.FromMinutes(5));
        }
        Directory.CreateDirectory(_root);
        await RunAsync("chown", ["postgres:postgres", _root], TimeSpan.FromSeconds(10));
        await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", DataDir, "-U", "volstats",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], TimeSpan.FromMinutes(1));
        var port = Ports.Free();
        await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", DataDir, "-l", Path.Combine(_root, "server.log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {_root}", "-w", "start"], TimeSpan.FromMinutes(1));
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=volstats;Database=postgres";
    }

    /// <summary>Creates an empty database, so that each test has a Hangfire schema of its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection); // constant-shaped identifier
        await command.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", DataDir, "-m", "fast", "-w", "stop"], TimeSpan.FromMinutes(1));
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
    }
}
