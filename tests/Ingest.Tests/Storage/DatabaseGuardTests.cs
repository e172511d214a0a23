using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Storage;

/// <summary>CONTRACT §6: a --db that is not a VolunteerStats database is an error, and the file is left untouched.</summary>
public class DatabaseGuardTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    private Database At(string path, bool createFolder = true) =>
        new(new DatabaseOptions { Path = path, CreateFolder = createFolder }, []);

    [Theory]
    [InlineData("区划代码,名称\n330102,上城区\n")]
    [InlineData("")]
    [InlineData("%PDF-1.4\n")]
    public void OpenWriteAndOpenRead_Throw_AndLeaveTheFileUntouched_WhenItIsNotADuckDbFile(string content)
    {
        var path = _db.Write("hours.csv", content);
        var before = File.ReadAllBytes(path);
        Assert.Throws<NotAVolunteerStatsDatabaseException>(() => At(path).OpenWrite().Dispose());
        Assert.Throws<NotAVolunteerStatsDatabaseException>(() => At(path).OpenRead().Dispose());
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".wal"));
    }

    [Fact]
    public void OpenWrite_Throws_WhenTheDuckDbFileBelongsToSomethingElse()
    {
        var path = Path.Combine(_db.Dir, "other.duckdb");
        using (var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}"))
        {
            c.Open();
            c.Execute("CREATE TABLE sales (id INTEGER)");
        }
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<NotAVolunteerStatsDatabaseException>(() => At(path).OpenWrite().Dispose());
        Assert.Contains("sales", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void OpenWrite_Throws_WhenTheFolderDoesNotExistAndMayNotBeCreated()
    {
        var path = Path.Combine(_db.Dir, "typo", "volstats.duckdb");
        Assert.Throws<NotAVolunteerStatsDatabaseException>(() => At(path, createFolder: false).OpenWrite().Dispose());
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void OpenWrite_Opens_AVolunteerStatsDatabase()
    {
        _db.Connection.Dispose();
        using var c = At(_db.DbPath, createFolder: false).OpenWrite();
        Assert.True(c.Scalar<long>("SELECT count(*) FROM schema_version") > 0);
    }
}
