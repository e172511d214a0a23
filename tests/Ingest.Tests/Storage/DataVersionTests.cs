using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Ingest.Tests.Storage;

/// <summary>The one version of the stored data: changes with every committed change of stored rows, and only then.</summary>
public sealed class DataVersionTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private DataVersion Read() => DataVersion.Read(_db.Connection);

    [Fact]
    public void Read_Changes_WhenAFileIsIngested()
    {
        var empty = Read();
        _db.IngestText("regions.csv", Samples.Regions);
        var regions = Read();
        _db.IngestText("roster.csv", Samples.RosterHeader + "\nV001,张三,,2024-01-05,330102001001,正常,\n");

        Assert.NotEqual(empty, regions);
        Assert.NotEqual(regions, Read());
        Assert.Matches("^[0-9a-f]{16}$", Read().Value);
    }

    [Fact]
    public void Read_StaysTheSame_WhenNothingIsStored()
    {
        _db.IngestText("regions.csv", Samples.Regions);
        var loaded = Read();

        _db.IngestText("regions-again.csv", Samples.Regions); // the same content: already ingested, nothing stored
        using var other = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_db.DbPath}");
        other.Open();

        Assert.Equal(loaded, Read());
        Assert.Equal(loaded, DataVersion.Read(other));
    }

    [Fact]
    public void Read_Changes_WhenTheMonthlyTableIsRebuilt()
    {
        _db.IngestText("regions.csv", Samples.Regions);
        _db.IngestText("roster.csv", Samples.RosterHeader + "\nV001,张三,,2024-01-05,330102001001,正常,\n");
        var before = Read();

        // A rebuild rewrites the monthly table and stamps monthly_coverage anew (Metrics' Refresh.sql, after an undo).
        _db.Connection.Execute("DELETE FROM monthly_coverage");
        _db.Connection.Execute("INSERT INTO monthly_coverage VALUES (24288, 24297, TIMESTAMP '2026-12-03 17:00:00')");

        Assert.NotEqual(before, Read());
    }
}
