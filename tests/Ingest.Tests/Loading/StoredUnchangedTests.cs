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

    private static long Units(string record) =>
        (long)(decimal.Parse(record.Split(',')[4], CultureInfo.InvariantCulture) * 3_600_000_000m);

    private static List<string> Rows(TestDb db, string sql) =>
        db.Connection.Query(sql).Select(r => string.Join('|', Enumerable.Range(0, r.FieldCount)
            .Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)))).ToList();
}
