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
    public void LoadReady_LoadsFinishedParts_AndLoadIntoTheRest()
    {
        _db.Connection.Execute("CREATE TEMP TABLE t (seq BIGINT, s VARCHAR, line BIGINT)");
        var parts = new HashSet<string>();
        using (var file = StagingFile.Create(partRows: 3))
        {
            void Write(int from, int count)
            {
                var text = new StringBuilder();
                for (var k = from; k < from + count; k++) Assert.True(StagingFile.TryFormat(text, k, [$"v{k}"], 10 + k));
                file.Write(text, count);
                parts.Add(file.Path);
            }

            Write(0, 2);
            Assert.Equal(0, file.LoadReady(_db.Connection, "temp.main.t")); // the first part is not full yet
            Write(2, 2); // 4 rows: the first part is finished (a batch is never split)
            Write(4, 3); // 3 rows: so is the second
            var first = parts.First();
            Assert.Equal(2, file.LoadReady(_db.Connection, "temp.main.t"));
            Assert.False(File.Exists(first), "a loaded part is deleted at once");
            Assert.Equal(7, _db.Count("SELECT count(*) FROM t"));
            Write(7, 1);
            file.LoadInto(_db.Connection, "temp.main.t");
            Assert.Equal(8, file.Rows);
        }
        Assert.Equal(Enumerable.Range(0, 8).Select(k => $"{k} v{k} {10 + k}"),
            _db.Connection.Query("SELECT seq, s, line FROM t ORDER BY seq").Select(r => $"{r.GetInt64(0)} {r.GetString(1)} {r.GetInt64(2)}"));
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.False(File.Exists(p)));
    }

    [Fact]
    public void Dispose_DeletesEveryPart_WhenNotLoaded()
    {
        var parts = new List<string>();
        using (var file = StagingFile.Create(partRows: 1))
        {
            for (var k = 0; k < 3; k++)
            {
                var text = new StringBuilder();
                Assert.True(StagingFile.TryFormat(text, k, ["x"], k));
                parts.Add(file.Path);
                file.Write(text, 1);
            }
            parts.Add(file.Path);
        }
        Assert.Equal(4, parts.Distinct().Count());
        Assert.All(parts, p => Assert.False(File.Exists(p)));
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
