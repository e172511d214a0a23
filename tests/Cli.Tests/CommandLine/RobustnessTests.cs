using System.Diagnostics;
using System.Text;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Reading;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Loading;

public class RobustnessTests
{
    private static string ValidHours(int rows, Random rng)
    {
        var sb = new StringBuilder("志愿服务时长统计表\n" + Samples.HoursHeader + "\n");
        for (var i = 0; i < rows; i++)
            sb.Append($"R{i},V{rng.Next(50)},,2024-0{rng.Next(1, 10)}-1{rng.Next(10)},{rng.Next(1, 9) * 0.5},\"P,{i % 7}\"\n");
        sb.Append("合计,,,,100,\n");
        return sb.ToString();
    }

    private static string ValidRoster(int rows, Random rng)
    {
        var sb = new StringBuilder(Samples.RosterHeader + "\r\n");
        for (var i = 0; i < rows; i++)
            sb.Append($"V{i},张三{i},{(i % 5 == 0 ? "11010519491231002X" : "")},2024/{rng.Next(1, 10)}/{rng.Next(1, 28)},3301020010{rng.Next(10, 99)},{(i % 4 == 0 ? "注销" : "正常")},{(i % 4 == 0 ? "2024-06-01" : "")}\r\n");
        return sb.ToString();
    }

    private static byte[] Mutate(byte[] bytes, Random rng)
    {
        var list = bytes.ToList();
        switch (rng.Next(7))
        {
            case 0: // truncated mid-line
                return bytes[..rng.Next(1, bytes.Length)];
            case 1: // garbage bytes
                for (var i = 0; i < rng.Next(1, 20); i++) list.Insert(rng.Next(list.Count), (byte)rng.Next(256));
                return [.. list];
            case 2: // stray quotes
                for (var i = 0; i < rng.Next(1, 5); i++) list.Insert(rng.Next(list.Count), (byte)'"');
                return [.. list];
            case 3: // swapped columns in the header
            {
                var text = Encoding.UTF8.GetString(bytes);
                var lines = text.Split('\n');
                var h = lines.Select((l, i) => (l, i)).First(x => x.l.Contains(',')).i;
                var cells = lines[h].Split(',');
                var (a, b) = (rng.Next(cells.Length), rng.Next(cells.Length));
                (cells[a], cells[b]) = (cells[b], cells[a]);
                lines[h] = string.Join(',', cells);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            }
            case 4: // wrong encoding: half the file GB18030, half UTF-8
            {
                var text = Encoding.UTF8.GetString(bytes);
                var cut = rng.Next(text.Length);
                return [.. TextDecoding.Gb18030.GetBytes(text[..cut]), .. Encoding.UTF8.GetBytes(text[cut..])];
            }
            case 5: // lines deleted or duplicated
            {
                var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
                var i = rng.Next(lines.Count);
                if (rng.Next(2) == 0) lines.RemoveAt(i); else lines.Insert(i, lines[rng.Next(lines.Count)]);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            }
            default: // commas removed or added
                for (var i = 0; i < rng.Next(1, 6); i++)
                {
                    var at = rng.Next(list.Count);
                    if (list[at] == ',') list.RemoveAt(at); else list.Insert(at, (byte)',');
                }
                return [.. list];
        }
    }

    [Fact]
    public void Ingest_AccountsForEveryRow_WhenValidFilesAreMutatedAtRandom()
    {
        using var db = new TestDb();
        for (var seed = 0; seed < 150; seed++)
        {
            var rng = new Random(seed);
            var text = seed % 2 == 0 ? ValidHours(rng.Next(1, 40), rng) : ValidRoster(rng.Next(1, 40), rng);
            var bytes = Mutate(Encoding.UTF8.GetBytes(text), rng);
            if (rng.Next(2) == 0) bytes = Mutate(bytes, rng);
            var path = Path.Combine(db.Dir, $"mutant{seed}.csv");
            File.WriteAllBytes(path, bytes);
            var before = db.Count("SELECT count(*) FROM files");
            try
            {
                var s = db.Ingest(path);
                Assert.True(s.RowsRead == s.Inserted + s.Updated + s.Unchanged + s.Unmatched + s.Rejected, $"seed {seed}: {s}");
                Assert.Equal(s.Rejected, db.Count($"SELECT count(*) FROM rejects r JOIN files f USING (file_id) WHERE f.name = 'mutant{seed}.csv'"));
            }
            catch (IngestFailedException e)
            {
                Assert.Contains($"mutant{seed}.csv", e.Message);
                Assert.Equal(before, db.Count("SELECT count(*) FROM files"));
            }
        }
    }

    [Fact]
    public void Ingest_LeavesDatabaseAsBefore_WhenProcessIsKilledMidFile()
    {
        using var db = new TestDb();
        db.IngestText("roster.csv", ValidRoster(30, new Random(1)));
        db.Connection.Dispose();
        var big = Path.Combine(db.Dir, "big.csv");
        using (var writer = new StreamWriter(big))
        {
            writer.Write(Samples.HoursHeader + "\n");
            for (var i = 0; i < 1_500_000; i++) writer.Write($"R{i},V{i % 30},,2024-03-{1 + i % 28:00},1.5,P{i % 100}\n");
        }

        var before = RunCli(db, "rejects", "--format", "csv").Output + RunCli(db, "indicators", "--year", "2024", "--through", "2024-03", "--level", "district", "--format", "csv").Output;
        var child = CliProcess.Start(db, "ingest", big);
        Thread.Sleep(2500);
        Assert.False(child.HasExited, "the ingest finished before it could be killed; make the file bigger");
        child.Kill(entireProcessTree: true); // SIGKILL
        child.WaitForExit();

        var after = RunCli(db, "rejects", "--format", "csv").Output + RunCli(db, "indicators", "--year", "2024", "--through", "2024-03", "--level", "district", "--format", "csv").Output;
        Assert.Equal(before, after);
        var files = RunCli(db, "ingest", "--format", "json", big);
        Assert.Equal(0, files.ExitCode);
        Assert.Contains("\"inserted\": 1500000", files.Output);
    }

    private static (int ExitCode, string Output) RunCli(TestDb db, params string[] args)
    {
        var (exitCode, output, error) = CliProcess.Run(db, args);
        Assert.True(exitCode == 0, $"volstats {string.Join(' ', args)} failed: {error}");
        return (exitCode, output);
    }
}
