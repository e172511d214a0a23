using System.Globalization;
using System.Text;

namespace VolunteerStats.Generation;

/// <summary>Options of the benchmark mode of <c>./volstats generate</c> (<c>--persons N --records N</c>).</summary>
/// <param name="Persons">Volunteers in the roster (one registration each). Defaults to 1,000,000.</param>
/// <param name="Records">Service records in the hours file. Defaults to 10,000,000.</param>
public sealed record BenchOptions(string OutDir, long Persons, long Records, int Seed);

/// <summary>
/// Large, plain, valid exports for throughput measurements, streamed row by row in constant memory: every
/// value is a hash of the row number, so nothing is kept per person. Writes
/// <c>bench_roster.csv</c>, <c>bench_hours.csv</c> (UTF-8), <c>bench_hours_gb18030.csv</c> (the same rows in
/// GB18030, CRLF), <c>bench_hours_overlap90.csv</c> (the last 90 % of the hours rows again plus 10 % new) and,
/// up to <see cref="MaxCumulativeRecords"/>, the cumulative monthly exports <c>bench_cumulative_01..10.csv</c>.
/// The UTF-8 files carry a BOM: without one, the loader's UTF-8 check misreads files over 1 MiB whose
/// multi-byte character straddles a 1 MiB read boundary as GB18030 (see bench/README.md).
/// </summary>
public sealed class BenchGenerator(BenchOptions options)
{
    private static readonly string[] RosterHeader = ["志愿者编号", "姓名", "证件号码", "性别", "出生日期", "注册时间", "所属区划代码", "所属组织", "政治面貌", "状态", "注销时间"];
    private static readonly string[] HoursHeader = ["记录编号", "志愿者编号", "证件号码", "项目编号", "项目名称", "发布组织", "服务日期", "服务时长（小时）", "服务类别"];
    private static readonly string[] Political = ["群众", "群众", "群众", "共青团员", "中共党员"];
    private static readonly (string Name, string Category)[] Projects =
    [
        ("垃圾分类督导", "环境保护"), ("关爱独居老人", "助老助残"), ("文明交通劝导", "交通引导"), ("社区环境整治", "环境保护"),
        ("四点半课堂", "教育助学"), ("反诈宣传进社区", "平安守护"), ("邻里互助", "社区服务"), ("西湖景区文明引导", "文明引导"),
    ];
    private static readonly string[] HoursChoices = ["1", "1.5", "2", "2", "2.5", "3", "3", "4", "5", "6", "0.5", "8"];
    private static readonly DateOnly BirthBase = new(1950, 1, 1);
    private static readonly DateOnly YearStart = new(2024, 1, 1);

    private readonly Region[] _communities = Hangzhou.Flatten(Hangzhou.Build(new Random(options.Seed))).Where(r => r.Code.Length == 12).ToArray();

    public IReadOnlyList<WrittenFile> Run()
    {
        Directory.CreateDirectory(options.OutDir);
        var files = new List<WrittenFile> { WriteRoster("bench_roster.csv") };
        files.AddRange(WriteHours());
        if (options.Records <= MaxCumulativeRecords) files.AddRange(WriteCumulative());
        return files;
    }

    private ulong Hash(ulong stream, long i)
    {
        // SplitMix64 of (seed, stream, row): cheap, deterministic, well mixed.
        var z = (ulong)i * 0x9E3779B97F4A7C15UL + stream * 0xBF58476D1CE4E5B9UL + (ulong)options.Seed * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A unique, valid ID number per person: (area, birth day, sequence) is a bijection of the row number.</summary>
    private static string IdNumber(long person, out DateOnly birth, out bool male)
    {
        var area = IdNumbers.LocalAreas[person % IdNumbers.LocalAreas.Length];
        var k = person / IdNumbers.LocalAreas.Length;
        birth = BirthBase.AddDays((int)(k % 20000 * 7919 % 20000));
        var seq = (int)((k / 20000 + k % 20000) % 1000);
        male = seq % 2 == 1;
        return IdNumbers.Make(area, birth, seq, male);
    }

    private static string VolunteerId(long person) => "ZJ" + (10_000_000 + person).ToString(CultureInfo.InvariantCulture);

    private WrittenFile WriteRoster(string name)
    {
        using var csv = new CsvExport(Path.Combine(options.OutDir, name), CsvExport.Utf8Bom, "\n");
        csv.Row(RosterHeader);
        var fields = new string?[RosterHeader.Length];
        for (long p = 0; p < options.Persons; p++)
        {
            var h = Hash(1, p);
            var id = IdNumber(p, out var birth, out var male);
            var community = _communities[(int)(h % (ulong)_communities.Length)];
            var registered = new DateTime(2016, 1, 1).AddMinutes((double)((h >> 20) % (8UL * 365 * 24 * 60 + 300UL * 24 * 60)));
            fields[0] = VolunteerId(p);
            fields[1] = ChineseNames.FromHash(h);
            fields[2] = id;
            fields[3] = male ? "男" : "女";
            fields[4] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            fields[5] = registered.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            fields[6] = community.Code;
            fields[7] = community.Name + "志愿服务站";
            fields[8] = Political[(int)((h >> 50) % (ulong)Political.Length)];
            fields[9] = "正常";
            fields[10] = "";
            csv.Row(fields);
        }
        return new WrittenFile(name, (int)Math.Min(int.MaxValue, options.Persons), new Dictionary<string, int>());
    }

    private IEnumerable<WrittenFile> WriteHours()
    {
        var gb = CsvExport.Gb18030;
        using (var utf8 = new CsvExport(Path.Combine(options.OutDir, "bench_hours.csv"), CsvExport.Utf8Bom, "\n"))
        using (var gb18030 = new CsvExport(Path.Combine(options.OutDir, "bench_hours_gb18030.csv"), gb, "\r\n"))
        using (var overlap = new CsvExport(Path.Combine(options.OutDir, "bench_hours_overlap90.csv"), CsvExport.Utf8Bom, "\n"))
        {
            utf8.Row(HoursHeader);
            gb18030.Row(HoursHeader);
            overlap.Row(HoursHeader);
            var fields = new string?[HoursHeader.Length];
            var firstRepeated = options.Records / 10;
            var end = options.Records + firstRepeated;
            for (long r = 0; r < end; r++)
            {
                Fill(fields, r);
                if (r < options.Records)
                {
                    utf8.Row(fields);
                    gb18030.Row(fields);
                }
                if (r >= firstRepeated) overlap.Row(fields);
            }
        }
        var rows = (int)Math.Min(int.MaxValue, options.Records);
        return
        [
            new WrittenFile("bench_hours.csv", rows, new Dictionary<string, int>()),
            new WrittenFile("bench_hours_gb18030.csv", rows, new Dictionary<string, int>()),
            new WrittenFile("bench_hours_overlap90.csv", rows, new Dictionary<string, int>()),
        ];
    }

    /// <summary>
    /// Above this many records the cumulative exports are not written: together they hold 5.5 times the records
    /// (at 2M, 11M rows and about 1.4 GB).
    /// </summary>
    public const long MaxCumulativeRecords = 4_000_000;

    /// <summary>
    /// A year's cumulative monthly exports, as many systems produce them: <c>bench_cumulative_01.csv</c> holds the
    /// records of January, <c>bench_cumulative_02.csv</c> those of January and February, …,
    /// <c>bench_cumulative_10.csv</c> every record (the rows of <c>bench_hours.csv</c>), each sorted by month of
    /// service, so that each file repeats the previous one and adds a month.
    /// </summary>
    private IEnumerable<WrittenFile> WriteCumulative()
    {
        const int months = 10;
        var parts = Enumerable.Range(1, months).Select(m => Path.Combine(options.OutDir, $".bench_month_{m:00}.part")).ToArray();
        var rowsOfMonth = new long[months + 1];
        var writers = parts.Select(p => new CsvExport(p, CsvExport.Utf8, "\n")).ToArray();
        try
        {
            var fields = new string?[HoursHeader.Length];
            for (long r = 0; r < options.Records; r++)
            {
                Fill(fields, r);
                var month = int.Parse(fields[6]!.AsSpan(5, 2), CultureInfo.InvariantCulture);
                writers[month - 1].Row(fields);
                rowsOfMonth[month]++;
            }
        }
        finally
        {
            foreach (var writer in writers) writer.Dispose();
        }
        var written = new List<WrittenFile>();
        for (var m = 1; m <= months; m++)
        {
            var name = $"bench_cumulative_{m:00}.csv";
            using (var csv = new CsvExport(Path.Combine(options.OutDir, name), CsvExport.Utf8Bom, "\n")) csv.Row(HoursHeader);
            using (var target = new FileStream(Path.Combine(options.OutDir, name), FileMode.Append))
                for (var k = 0; k < m; k++)
                {
                    using var part = File.OpenRead(parts[k]);
                    part.CopyTo(target);
                }
            written.Add(new WrittenFile(name, (int)rowsOfMonth.Take(m + 1).Sum(), new Dictionary<string, int>()));
        }
        foreach (var part in parts) File.Delete(part);
        return written;
    }

    private void Fill(string?[] fields, long r)
    {
        var h = Hash(2, r);
        var person = (long)(h % (ulong)options.Persons);
        var community = _communities[(int)(Hash(1, person) % (ulong)_communities.Length)];
        var (project, category) = Projects[(int)((h >> 24) % (ulong)Projects.Length)];
        fields[0] = "FW" + (100_000_000 + r).ToString(CultureInfo.InvariantCulture);
        fields[1] = VolunteerId(person);
        fields[2] = IdNumber(person, out _, out _);
        fields[3] = "XM" + community.Code[..9] + ((h >> 24) % (ulong)Projects.Length).ToString(CultureInfo.InvariantCulture);
        fields[4] = project;
        fields[5] = community.Name + "志愿服务站";
        fields[6] = YearStart.AddDays((int)((h >> 32) % 305)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        fields[7] = HoursChoices[(int)((h >> 44) % (ulong)HoursChoices.Length)];
        fields[8] = category;
    }
}
