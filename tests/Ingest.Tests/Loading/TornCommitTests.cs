using System.Text;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Loading;

/// <summary>
/// A process killed while DuckDB writes a file's commit leaves the write-ahead log cut somewhere in that commit. Here
/// the cut is made by hand, at many points of a real WAL, on copies of a real database: whatever the point, the
/// database must open as it was before the file or as it is after it (CONTRACT §4), never in between.
/// </summary>
public sealed class TornCommitTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    /// <summary>Every table a reader sees, as counts and order-independent hashes (the full dump of 130k rows is slow).</summary>
    private static string Fingerprint(DuckDBConnection connection)
    {
        var sb = new StringBuilder();
        foreach (var (table, row) in new[]
        {
            ("files", "(t.file_id, t.sha256, t.name, t.rows_read, t.inserted, t.updated, t.unchanged, t.unmatched, t.rejected)"),
            ("rejects", "t"), ("registrations", "t"), ("service_records", "t"), ("service_record_history", "t"),
            ("regions", "t"), ("population", "t"), ("monthly_indicators", "t"), ("ingest_intents", "t"),
        })
            sb.Append(table).Append(' ').Append(connection.Scalar<string>($"SELECT count(*) || '/' || coalesce(sum(hash({row}))::VARCHAR, '') FROM {table} t")).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void Open_ShowsTheDatabaseBeforeOrAfterTheFile_WhereverItsCommitIsCut()
    {
        _db.IngestText("regions.csv", Samples.Regions);
        _db.IngestText("roster.csv", Samples.RosterHeader + "\n" +
            string.Concat(Enumerable.Range(0, 1000).Select(i => $"V{i},张三,,2024-01-05,{(i % 2 == 0 ? "330102001" : "330105")},正常,\n")));
        _db.Connection.Execute("CHECKPOINT");
        var before = Fingerprint(_db.Connection);

        // More than a row group (122,880 rows), so that DuckDB writes the rows ahead into the file and the WAL
        // only points at them: the case in which it was seen to recover part of an incomplete commit.
        var hours = new StringBuilder(Samples.HoursHeader + "\n");
        for (var i = 0; i < 130_000; i++) hours.Append($"R{i},V{i % 1000},,2024-03-{1 + i % 28:00},1,P1\n");
        _db.IngestText("hours.csv", hours.ToString());
        var after = Fingerprint(_db.Connection);
        // The file and its WAL as a kill right after the commit would leave them: nothing checkpointed yet.
        var wal = File.ReadAllBytes(_db.DbPath + ".wal");
        var db = File.ReadAllBytes(_db.DbPath);
        Assert.True(wal.Length > 1000, $"the commit is expected in the WAL ({wal.Length} bytes)");

        // Without the undo of InterruptedIngests, a WAL cut by a single byte already opens in neither state (checked:
        // DuckDB 1.5.6 recovers rows written ahead of an incomplete commit).
        var cuts = new[] { 0, 1, 2, 4, 8, 16, 21, 32, 60, 81, 100, 200, 1000, wal.Length / 4, wal.Length / 2, wal.Length * 3 / 4, wal.Length - 200 };
        var outcomes = new List<string>();
        foreach (var cut in cuts.Where(c => c >= 0 && c < wal.Length).Distinct())
        {
            var dir = Directory.CreateTempSubdirectory("volstats-torn-").FullName;
            try
            {
                var path = Path.Combine(dir, "torn.duckdb");
                File.WriteAllBytes(path, db);
                File.WriteAllBytes(path + ".wal", wal[..^cut]);
                var database = new Database(new DatabaseOptions { Path = path }, _db.Host.Services.GetServices<IIngestObserver>());
                using var connection = database.OpenWrite();
                var state = Fingerprint(connection);
                Assert.True(state == before || state == after, $"cut {cut} of {wal.Length} bytes left neither state:\n{state}\nbefore:\n{before}\nafter:\n{after}");
                outcomes.Add($"{cut}:{(state == after ? "after" : "before")}");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        Assert.Contains("0:after", outcomes); // the whole WAL is the whole file
    }
}
