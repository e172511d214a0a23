using System.Text;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Loading;

public class StagingFileTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    [Fact]
    public void LoadInto_KeepsEveryValueExactly_WhenTextNeedsQuotingOrIsEmpty()
    {
        _db.Connection.Execute("CREATE TEMP TABLE t (seq BIGINT, s VARCHAR, n BIGINT, i INTEGER, b BOOLEAN, d DATE, g UUID, line BIGINT)");
        var texts = new[] { "plain", "", " lead", "trail ", "a \"quoted\" word", "\"", "逗号,和\\反斜杠", "NULL", "\\N", "x\ty" };
        var guid = Guid.NewGuid();
        var text = new StringBuilder();
        using var file = StagingFile.Create();
        long written = 0, carried = 0;
        for (var k = 0; k < texts.Length; k++)
        {
            object?[] values = [texts[k], -5L - k, k, k % 2 == 0, new DateOnly(2024, 2, 29), guid];
            if (StagingFile.TryFormat(text, k, values, 100 + k)) written++;
        }
        if (StagingFile.TryFormat(text, 99, [null, null, null, null, null, null], 7)) written++;
        carried = texts.Length + 1 - written;
        file.Write(text, (int)written);
        file.LoadInto(_db.Connection, "temp.main.t");

        Assert.Equal(1L, carried); // the tab is a control character: that row goes through the appender instead
        var rows = _db.Connection.Query("SELECT seq, s, n, i, b, d, g, line FROM t ORDER BY seq")
            .Select(r => (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? (long?)null : r.GetInt64(2),
                r.IsDBNull(5) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(5)), r.IsDBNull(6) ? (Guid?)null : r.GetGuid(6), r.GetInt64(7)))
            .ToList();
        var expected = texts.Take(texts.Length - 1)
            .Select((s, k) => ((long)k, (string?)s, (long?)(-5L - k), (DateOnly?)new DateOnly(2024, 2, 29), (Guid?)guid, 100L + k))
            .Append((99L, null, null, null, null, 7L));
        Assert.Equal(expected, rows);
        Assert.Equal(5, _db.Count("SELECT count(*) FROM t WHERE b"));
    }

    [Fact]
    public void Dispose_DeletesTheFile_WhetherLoadedOrNot()
    {
        string path;
        using (var file = StagingFile.Create())
        {
            path = file.Path;
            Assert.True(File.Exists(path));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Create_RemovesFilesOfProcessesThatNoLongerRun()
    {
        // A process id above the kernel's maximum (4194304) never runs.
        var stale = Path.Combine(Path.GetTempPath(), $"{StagingFile.Prefix}99999999-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(stale, "1\tx\n");
        using var file = StagingFile.Create();
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Ingest_StoresTextWithQuotesAndLineBreaksExactly()
    {
        var s = _db.IngestText("h.csv",
            "记录编号,志愿者编号,服务日期,服务时长（小时）,项目名称\n" +
            "R1,V1,2024-03-05,1,\"say \"\"hi\"\", twice\"\n" +
            "R2,V1,2024-03-05,1,\"two\nlines\"\n" +
            "R3,V1,2024-03-05,1,a  b\n");
        Assert.Equal(3, s.Unmatched);
        var names = _db.Connection.Query("SELECT project_name FROM service_records ORDER BY record_id").Select(r => r.GetString(0)).ToList();
        Assert.Equal(["say \"hi\", twice", "two\nlines", "a  b"], names);
    }
}
