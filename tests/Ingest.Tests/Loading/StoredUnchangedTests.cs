using System.Globalization;
using System.Text;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Loading;

/// <summary>
/// Rows whose key and content are stored already are recognised while judging and not staged
/// (<see cref="ContentFingerprints"/>): what a re-sent region of an export leaves must be what the full merge left.
/// </summary>
public class StoredUnchangedTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    private const int Persons = 12;

    private static string Roster() =>
        Samples.RosterHeader + "\n" + string.Join("\n", Enumerable.Range(1, Persons).Select(p =>
            $"V{p},张{p},,2023-0{1 + p % 9}-01,{(p % 2 == 0 ? "330102001001" : "330105")},{(p == 3 ? "注销" : "正常")},{(p == 3 ? "2024-05-01" : "")}"));

    /// <summary>Record <paramref name="r"/> of a year's export: a person (one of them unregistered), a date in 2024, hours.</summary>
    private static string Record(int r, string hours = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"R{r},V{1 + r % (Persons + 1)},,2024-{1 + r % 10:00}-{1 + r % 28:00},{(hours.Length > 0 ? hours : (1 + r % 5 * 0.5).ToString(CultureInfo.InvariantCulture))},P{r % 3}");

    private static string Hours(IEnumerable<int> records, string title = "") =>
        title + Samples.HoursHeader + "\n" + string.Join("\n", records.Select(r => Record(r)));

    /// <summary>Every stored row, the history, the rejects, the indicator classes and the monthly table, as text.</summary>
    private string State()
    {
        var sb = new StringBuilder();
        foreach (var table in new[] { "registrations", "service_records", "service_record_history", "rejects", "monthly_indicators",
                     "monthly_coverage", "indicator_class_registered", "indicator_class_active", "indicator_class_hours", "indicator_records_by_id" })
        {
            sb.AppendLine("## " + table);
            foreach (var row in _db.Connection.Query($"SELECT * FROM {table} ORDER BY ALL"))
            {
                for (var i = 0; i < row.FieldCount; i++)
                    sb.Append(row.IsDBNull(i) ? "∅" : Convert.ToString(row.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Ingest_LeavesStoredRowsHistoryAndMonthlyTableIdentical_WhenARegionIsResentUnchanged()
    {
        _db.IngestText("roster.csv", Roster());
        _db.IngestText("hours_1.csv", Hours(Enumerable.Range(1, 200)));
        // A correction, so that there is history to keep.
        _db.IngestText("hours_fix.csv", Samples.HoursHeader + "\n" + Record(7, "4.5") + "\n" + Record(8, "0.5"));
        var before = State();

        // Rows 50..180 again, in another order, under a title row (so the bytes differ from any earlier file).
        var resent = _db.IngestText("hours_resent.csv", Hours(Enumerable.Range(50, 131).Reverse(), "志愿服务时长统计表\n"));

        Assert.Equal(131, resent.RowsRead);
        Assert.Equal(131, resent.Unchanged);
        Assert.Equal(0, resent.Inserted + resent.Updated + resent.Unmatched + resent.Rejected);
        Assert.Equal(before, State());
    }

    [Fact]
    public void Ingest_StoresOnlyTheNewMonth_WhenACumulativeExportRepeatsTheStoredOnes()
    {
        // The same history two ways: a cumulative export after the first months, and only the new month.
        var firstMonths = Enumerable.Range(1, 300).Where(r => 1 + r % 10 <= 6).ToList();
        var newMonth = Enumerable.Range(1, 300).Where(r => 1 + r % 10 == 7).ToList();
        _db.IngestText("roster.csv", Roster());
        _db.IngestText("hours_jan_jun.csv", Hours(firstMonths));
        var cumulative = _db.IngestText("hours_jan_jul.csv", Hours(firstMonths.Concat(newMonth)));

        using var only = new TestDb();
        only.IngestText("roster.csv", Roster());
        only.IngestText("hours_jan_jun.csv", Hours(firstMonths));
        only.IngestText("hours_jul.csv", Hours(newMonth));

        Assert.Equal(firstMonths.Count, cumulative.Unchanged);
        Assert.Equal(newMonth.Count, cumulative.Inserted + cumulative.Unmatched);
        foreach (var table in new[] { "monthly_indicators", "indicator_class_active", "indicator_class_hours", "service_record_history" })
        {
            var sql = $"SELECT * FROM {table} ORDER BY ALL";
            Assert.Equal(Rows(only, sql), Rows(_db, sql));
        }
        // The repeated rows are the ones stored by the first file, untouched (their file and line).
        Assert.Equal(firstMonths.Count, _db.Count("SELECT count(*) FROM service_records WHERE file_id = (SELECT min(file_id) FROM files WHERE kind = 'service_records')"));
    }

    [Fact]
    public void Ingest_CountsAndKeepsVersionsAsTheMerge_WhenAStoredRowMeetsAnotherVersionOfItsKey()
    {
        _db.IngestText("roster.csv", Roster());
        _db.IngestText("hours_1.csv", Hours(Enumerable.Range(1, 20)));
        var history = _db.Count("SELECT count(*) FROM service_record_history");

        // R5: another version, then the stored one back (an update and an update back: stored as it was, two
        // superseded versions kept). R6: the stored one, then another (unchanged, then an update).
        var s = _db.IngestText("hours_2.csv", Samples.HoursHeader + "\n" +
            string.Join("\n", Record(5, "3.5"), Record(5), Record(6), Record(6, "2.25"), Record(9)));

        Assert.Equal(5, s.RowsRead);
        Assert.Equal(3, s.Updated);
        Assert.Equal(2, s.Unchanged);
        var r5 = _db.Connection.Scalar<long>("SELECT hours_units FROM service_records WHERE record_id = 'R5'");
        var r6 = _db.Connection.Scalar<long>("SELECT hours_units FROM service_records WHERE record_id = 'R6'");
        Assert.Equal(Units(Record(5)), r5);
        Assert.Equal(Units(Record(6, "2.25")), r6);
        // R5: the stored version and the file's 3.5 h; R6: the file's first (stored) version.
        Assert.Equal(history + 3, _db.Count("SELECT count(*) FROM service_record_history"));
        Assert.Equal(2, _db.Count("SELECT count(*) FROM service_record_history WHERE record_id = 'R5'"));
        Assert.Equal(1, _db.Count("SELECT count(*) FROM service_record_history WHERE record_id = 'R6' AND file_id = superseded_by_file"));
    }

    [Fact]
    public void Ingest_FindsResentLinesByTheirText_OnlyUnderTheSameLayout()
    {
        _db.IngestText("roster.csv", Roster());
        _db.IngestText("hours_1.csv", Hours(Enumerable.Range(1, 50)));

        // The same lines under a title row: found by their text, not judged.
        var resent = _db.IngestText("hours_2.csv", Hours(Enumerable.Range(1, 50).Reverse(), "志愿服务时长统计表\n"));
        Assert.Equal((50L, 50L), (resent.Unchanged, _db.Ingestor.LastFoundBySource));

        // The same rows with the columns in another order: other text under another layout, so judged, and still
        // found unchanged by their content.
        var swapped = _db.IngestText("hours_3.csv", "志愿者编号,记录编号,证件号码,服务日期,服务时长（小时）,项目编号\n" +
            string.Join("\n", Enumerable.Range(1, 50).Select(r => Record(r).Split(',') is var f ? string.Join(',', [f[1], f[0], .. f[2..]]) : "")));
        Assert.Equal((50L, 0L), (swapped.Unchanged, _db.Ingestor.LastFoundBySource));

        // The stored text of a row that has changed since is no longer its text: a line with the old hours is an update.
        _db.IngestText("hours_fix.csv", Samples.HoursHeader + "\n" + Record(7, "4.5"));
        var old = _db.IngestText("hours_4.csv", Hours([7, 8]));
        Assert.Equal((1L, 1L, 1L), (old.Updated, old.Unchanged, _db.Ingestor.LastFoundBySource));

        // The very same lines under a header that gives their columns other meanings (the project column read as
        // the category): equal text, another layout, so judged, and new rows they are (updates of their keys).
        var renamed = _db.IngestText("hours_renamed.csv", Samples.HoursHeader.Replace("项目编号", "服务类别") + "\n" +
            string.Join("\n", Enumerable.Range(1, 50).Select(r => Record(r))));
        Assert.Equal((0L, 0L), (renamed.Unchanged, _db.Ingestor.LastFoundBySource));
    }

    /// <summary>
    /// Finding rows by their text is a shortcut, not another rule: over random sequences of overlapping exports (re-sent
    /// lines, corrections and corrections back, a key twice in a file, another column order, title rows, bad rows, ID
    /// numbers alone) every count, stored row, history row and monthly figure equals what judging every row gives.
    /// The merge's shorter ways for files whose keys are all distinct are compared with the general one the same way.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Ingest_GivesWhatJudgingEveryRowGives_WhenRowsAreFoundByTheirText(int seed)
    {
        var random = new Random(seed);
        const string swappedHeader = "志愿者编号,记录编号,证件号码,服务日期,服务时长（小时）,项目编号";
        string Line(int r, bool swapped)
        {
            var hours = random.Next(6) == 0 ? new[] { "1.5", "2", "4.5", "3小时" }[random.Next(4)] : "";
            var f = Record(r, hours).Split(',');
            if (r % 17 == 0) (f[1], f[2]) = ("", $"11010519491231002{r % 10}"); // an ID number alone
            if (random.Next(40) == 0) f[3] = "2024-13-01"; // a bad date
            return swapped ? string.Join(',', [f[1], f[0], .. f[2..]]) : string.Join(',', f);
        }
        var files = new List<(string Name, string Text)>();
        for (var k = 0; k < 6; k++)
        {
            var swapped = random.Next(4) == 0;
            var records = Enumerable.Range(1, 120).Where(_ => random.Next(3) > 0).ToList();
            if (random.Next(2) == 0) records.AddRange(records.Where(_ => random.Next(10) == 0).ToList()); // keys twice in the file
            var lines = records.OrderBy(_ => random.Next()).Select(r => Line(r, swapped));
            var title = random.Next(3) == 0 ? "志愿服务时长统计表\n" : "";
            files.Add(($"hours_{k}.csv", title + (swapped ? swappedHeader : Samples.HoursHeader) + "\n" + string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines)));
        }

        using var judged = new TestDb(siteKeyPath: _db.SiteKeyPath); // the same ID hashes
        judged.Ingestor.UseSourceHashes = false;
        judged.Ingestor.UseShortMerges = false; // every file the general way: ordering versions in the file, joining stored ones
        _db.IngestText("roster.csv", Roster());
        judged.IngestText("roster.csv", Roster());
        long bySource = 0;
        var merges = new List<string?>();
        foreach (var (name, text) in files)
        {
            var fast = _db.IngestText(name, text);
            bySource += _db.Ingestor.LastFoundBySource;
            merges.Add(_db.Ingestor.LastMerge);
            var slow = judged.IngestText(name, text);
            Assert.Equal(Counts(slow), Counts(fast));
        }
        Assert.True(bySource > 50, $"only {bySource} rows were found by their text: the test would not test the shortcut");
        Assert.Contains("MergeDistinctKeys", merges); // (seeds chosen so that each takes both ways and the general one)
        Assert.Contains("Merge", merges);
        foreach (var table in new[] { "service_records", "service_record_history", "rejects", "monthly_indicators", "indicator_class_active", "indicator_class_hours", "indicator_records_by_id" })
        {
            var sql = $"SELECT * FROM {table} ORDER BY ALL";
            Assert.Equal(Rows(judged, sql), Rows(_db, sql));
        }
    }

    /// <summary>
    /// A first hours file with every key once takes the merge's shortest way (MergeFirst.sql), and stores and counts
    /// what the general merge does: inserted and unmatched rows (one person is unregistered), rejects, the monthly table.
    /// </summary>
    [Fact]
    public void Ingest_StoresWhatTheGeneralMergeStores_WhenAFirstFileHasEveryKeyOnce()
    {
        using var general = new TestDb(siteKeyPath: _db.SiteKeyPath);
        general.Ingestor.UseShortMerges = false;
        var text = Hours(Enumerable.Range(1, 90)) + "\nR91,V1,,2024-13-01,2,P1\nR92,,,2024-03-01,2,P1";
        _db.IngestText("roster.csv", Roster());
        general.IngestText("roster.csv", Roster());
        var first = _db.IngestText("hours.csv", text);
        Assert.Equal("MergeFirst", _db.Ingestor.LastMerge);
        Assert.Equal(Counts(general.IngestText("hours.csv", text)), Counts(first));
        Assert.Equal("Merge", general.Ingestor.LastMerge);
        Assert.True(first is { Unmatched: > 0, Rejected: 2, Inserted: > 0 }, Counts(first));
        foreach (var table in new[] { "service_records", "service_record_history", "rejects", "monthly_indicators", "indicator_class_active", "indicator_class_hours", "indicator_records_by_id" })
        {
            var sql = $"SELECT * FROM {table} ORDER BY ALL";
            Assert.Equal(Rows(general, sql), Rows(_db, sql));
        }

        // A second file, every key once and some of them stored: the distinct keys' way, again as the general merge.
        var second = Hours(Enumerable.Range(60, 60), "服务时长\n").Replace(",2024-0", ",2024-1");
        var counts = Counts(_db.IngestText("hours2.csv", second));
        Assert.Equal("MergeDistinctKeys", _db.Ingestor.LastMerge);
        Assert.Equal(Counts(general.IngestText("hours2.csv", second)), counts);
        foreach (var table in new[] { "service_records", "service_record_history", "monthly_indicators" })
        {
            var sql = $"SELECT * FROM {table} ORDER BY ALL";
            Assert.Equal(Rows(general, sql), Rows(_db, sql));
        }
    }

    private static string Counts(IngestSummary s) =>
        $"{s.RowsRead} read, {s.Inserted} inserted, {s.Updated} updated, {s.Unchanged} unchanged, {s.Unmatched} unmatched, {s.Rejected} rejected: " +
        string.Join(", ", s.RejectedByReason.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"));

    private static long Units(string record) =>
        (long)(decimal.Parse(record.Split(',')[4], CultureInfo.InvariantCulture) * 3_600_000_000m);

    private static List<string> Rows(TestDb db, string sql) =>
        db.Connection.Query(sql).Select(r => string.Join('|', Enumerable.Range(0, r.FieldCount)
            .Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)))).ToList();
}
