using System.Text;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Indicators;

/// <summary>
/// The monthly table is kept up to date by subtracting and adding the contributions of the persons each file
/// touches. After every file of a random history (corrections, moved ID numbers, cancellations, records that
/// change owner, unmatched records matched later, a region moved to another parent) the stored classes and
/// months must equal a rebuild from the raw rows.
/// </summary>
public class IncrementalRefreshTests
{
    private static readonly string[] Codes = ["330100", "330102", "330105", "330102001", "330102002", "330105001", "330102001001"];
    private static readonly string[] Ids =
        ["11010519491231002X", "110101199003070011", "110101199003070038", "44030119800101001X", "110101199003070054", "110101199003070070",
         "110101199003070097", "110101199003070118", "110101199003070134", "110101199003070150"];

    [Fact]
    public void IncrementalRefresh_EqualsRebuild_AfterEveryFileOf30RandomHistories()
    {
        for (var seed = 1; seed <= 30; seed++) CheckHistory(seed, rebuildShare: double.PositiveInfinity); // never rebuild: test the incremental way
    }

    [Fact]
    public void Rebuild_EqualsPerPersonClasses_AfterEveryFileOf30RandomHistories()
    {
        for (var seed = 1; seed <= 30; seed++) CheckHistory(seed, rebuildShare: 0); // every file that changes a row rebuilds
    }

    [Fact]
    public void Rebuild_FallsBackToPerPersonClasses_WhenPersonIdsCollide()
    {
        using var db = new TestDb();
        const string a = "11010519491231002X", b = "110101199003070011";
        // A person registered twice, one without an ID number, a cancelled one; records owned by volunteer_id, by ID
        // number (unregistered volunteer_id, or none) and by nobody.
        db.IngestText("roster.csv", Samples.RosterHeader +
            $"\nV1,张三,{a},2024-01-03,330102,正常,\nV4,张三,{a},2024-01-03,330105,正常,\nV3,王五,,2024-02-03,330105,正常,\nV5,李四,{b},2023-05-01,330102,注销,2024-04-30\n");
        db.IngestText("hours.csv", Samples.HoursHeader +
            $"\nR1,V1,,2024-03-01,2,P\nR2,V2,{a},2024-03-02,1,P\nR3,,{b},2024-02-02,1.5,P\nR4,V9,,2024-05-01,3,P\nR5,V3,,2024-06-01,4,P\n");
        Assert.False(IndicatorClasses.Rebuild(db.Connection, personId: "0", db.Clock.GetUtcNow().UtcDateTime), "every person shares id 0: the rebuild should fall back");
        AssertMatchesRebuild(db, "rebuild with colliding person ids");
        Assert.True(IndicatorClasses.Rebuild(db.Connection, personId: "hash(person_key)", db.Clock.GetUtcNow().UtcDateTime));
        AssertMatchesRebuild(db, "rebuild with distinct person ids");
        Assert.Equal(2, db.Count("SELECT count(*) FROM indicator_records_by_id"));
    }

    [Fact]
    public void RecordsThatChangeOwner_MoveTheirHours()
    {
        using var db = new TestDb();
        db.Host.Services.GetServices<IIngestObserver>().OfType<MonthlyRefresher>().Single().RebuildShare = double.PositiveInfinity; // never rebuild: test the incremental way
        const string a = "11010519491231002X", b = "110101199003070011";
        db.IngestText("roster1.csv", Samples.RosterHeader + $"\nV1,张三,{a},2024-01-03,330102,正常,\nV3,王五,,2024-01-03,330105,正常,\n");
        // V2 is not registered: its record counts for the person of its ID number, V1's.
        db.IngestText("hours1.csv", Samples.HoursHeader + $"\nR1,V2,{a},2024-03-01,2,P\nR2,V3,,2024-03-02,1,P\n");
        AssertMatchesRebuild(db, "record owned by ID number");
        // V2 registers with another ID number: the record moves to V2's person.
        db.IngestText("roster2.csv", Samples.RosterHeader + $"\nV2,李四,{b},2024-02-03,330105,正常,\n");
        AssertMatchesRebuild(db, "record moved to its volunteer's person");
        // A correction moves a record from one volunteer to another.
        db.IngestText("hours2.csv", Samples.HoursHeader + "\nR2,V1,,2024-03-02,1,P\n");
        AssertMatchesRebuild(db, "record corrected to another volunteer");
        // A corrected ID number moves V1's registration, with its records, to another person.
        db.IngestText("roster3.csv", Samples.RosterHeader + $"\nV1,张三,{b},2024-01-03,330102,正常,\n");
        AssertMatchesRebuild(db, "registration moved to another person");
        Assert.Equal(2, db.Count("SELECT registered FROM monthly_indicators WHERE region_code = '330100' AND year = 2024 AND month = 3"));
    }

    [Fact]
    public void LargeFile_RebuildsTheClasses_AndAgreesWithTheIncrementalWay()
    {
        using var db = new TestDb();
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-03,330102,正常,\nV2,李四,,2024-02-03,330105,正常,\n");
        db.IngestText("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-03-01,2,P\nR2,V2,,2024-04-01,3,P\n");
        var rebuiltAt = db.Connection.Scalar<DateTime>("SELECT built_at FROM indicator_classes_built");
        db.Clock.Now += TimeSpan.FromMinutes(1); // the stamp is the clock's
        db.IngestText("hours2.csv", Samples.HoursHeader + "\nR3,V1,,2024-05-01,1,P\n"); // one of two persons: above the share
        Assert.True(db.Connection.Scalar<DateTime>("SELECT built_at FROM indicator_classes_built") > rebuiltAt, "the classes were not rebuilt");
        AssertMatchesRebuild(db, "large file");
        Assert.Equal(2, db.Count("SELECT registered FROM monthly_indicators WHERE region_code = '330100' AND year = 2024 AND month = 5"));
    }

    [Fact]
    public void DatabaseFromBeforeTheClasses_IsMigratedByAReader_AndRebuiltByTheNextIngest()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-03,330102,正常,\nV2,李四,,2024-02-03,330105,注销,2024-06-30\n");
        db.IngestText("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-03-01,2,P\nR2,V2,,2024-04-01,3,P\n");
        string Figures(DuckDBConnection c, int year, int month) => string.Join("; ",
            new IndicatorService().Compute(c, new IndicatorQuery(year, month, "district"))
                .Select(r => $"{r.RegionCode} {r.Registered} {r.Active} {r.TotalHours.ToDecimal(6)}"));
        var (covered, uncovered) = (Figures(db.Connection, 2024, 5), Figures(db.Connection, 2025, 1));
        Assert.Contains("330102 1 0 0", uncovered); // a new year: V1 registered, no hours yet; V2 cancelled

        // What a database written before schema 0004 looks like: no class tables (nor the tables of 0005 and 0006),
        // scripts 4-6 not applied. Later scripts (rejects' columns, users, briefings) stay applied: undoing them
        // here would only test this test.
        foreach (var table in new[] { "indicator_class_registered", "indicator_class_active", "indicator_class_hours", "indicator_classes_built", "indicator_records_by_id", "ingest_intents" })
            db.Connection.Execute($"DROP TABLE {table}");
        db.Connection.Execute("DELETE FROM schema_version WHERE version BETWEEN 4 AND 6");
        db.Connection.Execute("CHECKPOINT");
        db.Connection.Dispose();

        using (var read = db.Database.OpenRead())
        {
            Assert.Equal(3, read.Scalar<int>("SELECT count(*) FROM schema_version WHERE version BETWEEN 4 AND 6")); // the reader migrated the database
            Assert.Equal(0, read.Scalar<long>("SELECT count(*) FROM indicator_classes_built"));
            Assert.Equal(covered, Figures(read, 2024, 5));   // the monthly table the old version stored
            Assert.Equal(uncovered, Figures(read, 2025, 1)); // computed from the raw rows
        }
        using var write = db.Database.OpenWrite();
        db.Ingestor.Ingest(write, db.Write("hours2.csv", Samples.HoursHeader + "\nR3,V1,,2024-05-01,1,P\n"));
        Assert.Equal(1, write.Scalar<long>("SELECT count(*) FROM indicator_classes_built"));
        AssertMatchesRebuild(write, "first ingest after the upgrade");
        Assert.Equal(uncovered, Figures(write, 2025, 1));
    }

    private static void CheckHistory(int seed, double rebuildShare)
    {
        var rng = new Random(seed);
        using var db = new TestDb();
        db.Host.Services.GetServices<IIngestObserver>().OfType<MonthlyRefresher>().Single().RebuildShare = rebuildShare;
        string Date(int year) => new DateOnly(year, 1, 1).AddDays(rng.Next(300)).ToString("yyyy-MM-dd");

        // Volunteers and records evolve slowly, as real exports do: each file changes a few of them, so that a
        // person missing from the touched set would show.
        var persons = rng.Next(8, 30);
        string[] NewVolunteer() =>
        [
            rng.Next(3) == 0 ? "" : Ids[rng.Next(Ids.Length)], Date(rng.Next(2023, 2025)), Codes[rng.Next(Codes.Length)],
            new[] { "正常", "正常", "正常", "注销", "" }[rng.Next(5)], rng.Next(2) == 0 ? Date(2024) : "",
        ];
        var volunteers = Enumerable.Range(1, persons).ToDictionary(v => $"V{v}", _ => NewVolunteer());
        string[] NewRecord()
        {
            var byId = rng.Next(5) == 0;
            var vid = byId ? "" : $"V{rng.Next(1, persons + 4)}"; // some volunteers never registered, some later
            var id = byId || rng.Next(4) == 0 ? Ids[rng.Next(Ids.Length)] : "";
            return [vid, id, Date(rng.Next(2023, 2025)), (rng.Next(1, 9) * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture), $"P{rng.Next(3)}"];
        }
        var records = new Dictionary<string, string[]>();

        db.IngestText("regions.csv", "区划代码,名称,上级代码\n" + string.Join("\n", Codes.Select(c => $"{c},R{c},")) + "\n");
        for (var file = 0; file < 10; file++)
        {
            var name = $"f{file}.csv";
            switch (rng.Next(file == 0 ? 1 : 5))
            {
                case 0 or 1: // a roster snapshot of some volunteers; a few changed in one field (ID number, date, region, status)
                    var roster = new StringBuilder(Samples.RosterHeader + "\n");
                    foreach (var (vid, v) in volunteers)
                    {
                        if (rng.Next(3) == 0) continue;
                        if (rng.Next(6) == 0)
                        {
                            var changed = NewVolunteer();
                            var field = rng.Next(5);
                            v[field] = changed[field];
                        }
                        roster.Append($"{vid},张三,{v[0]},{v[1]},{v[2]},{v[3]},{v[4]}\n");
                    }
                    db.IngestText(name, roster.ToString());
                    break;
                case 2 or 3: // an hours export: mostly new records, some corrections (hours, date, even the volunteer)
                    var hours = new StringBuilder(Samples.HoursHeader + "\n");
                    for (var i = 0; i < rng.Next(1, 8); i++)
                    {
                        var key = records.Count > 0 && rng.Next(3) == 0 ? records.Keys.ElementAt(rng.Next(records.Count)) : $"R{records.Count}";
                        if (!records.TryGetValue(key, out var r)) records[key] = r = NewRecord();
                        else
                        {
                            var changed = NewRecord();
                            var field = rng.Next(5);
                            r[field] = changed[field];
                            if (r[0] == "" && r[1] == "") r[0] = "V1";
                        }
                        hours.Append($"{key},{r[0]},{r[1]},{r[2]},{r[3]},{r[4]}\n");
                    }
                    db.IngestText(name, hours.ToString());
                    break;
                default: // the regions file again, one street moved to the other district
                    var moved = rng.Next(2) == 0 ? "330105" : "330102";
                    db.IngestText(name, "区划代码,名称,上级代码\n" + string.Join("\n", Codes.Select(c => $"{c},R{c},{(c == "330102002" ? moved : "")}")) + "\n");
                    break;
            }
            AssertMatchesRebuild(db, $"seed {seed}, after file {file}");
        }
    }

    /// <summary>
    /// The stored classes (and records counted by ID number) equal those computed from the raw rows, and the months
    /// equal their expansion.
    /// </summary>
    private static void AssertMatchesRebuild(TestDb db, string where) => AssertMatchesRebuild(db.Connection, where);

    private static void AssertMatchesRebuild(DuckDBConnection c, string where)
    {
        var byIdFromRawRows = IndicatorClasses.RawRecordsByIdSql;
        var byIdDiffer = c.Scalar<long>(
            $"SELECT count(*) FROM ((FROM indicator_records_by_id EXCEPT ALL {byIdFromRawRows}) UNION ALL ({byIdFromRawRows} EXCEPT ALL FROM indicator_records_by_id))");
        Assert.True(byIdDiffer == 0, $"{where}: indicator_records_by_id differs from the raw rows in {byIdDiffer} rows");
        IndicatorClasses.ComputeClasses(c);
        try
        {
            foreach (var (stored, computed) in new[]
                     {
                         ("indicator_class_registered", "contrib_registered"), ("indicator_class_active", "contrib_active"),
                         ("indicator_class_hours", "contrib_hours"),
                     })
            {
                var difference = c.Scalar<long>($"SELECT count(*) FROM ((FROM {stored} EXCEPT ALL FROM {computed}) UNION ALL (FROM {computed} EXCEPT ALL FROM {stored}))");
                Assert.True(difference == 0, $"{where}: {stored} differs from a rebuild in {difference} rows");
            }
            var (first, last) = (c.Scalar<long?>("SELECT first_month FROM monthly_coverage"), c.Scalar<long?>("SELECT last_month FROM monthly_coverage"));
            if (first is null) return;
            var expanded = $"SELECT * FROM ({IndicatorClasses.ExpandSql(stored: false)})";
            var monthsDiffer = c.Scalar<long>(
                $"SELECT count(*) FROM (({expanded} EXCEPT ALL FROM monthly_indicators) UNION ALL (FROM monthly_indicators EXCEPT ALL {expanded}))",
                ("m_from", first), ("m_to", last));
            Assert.True(monthsDiffer == 0, $"{where}: monthly_indicators differs from the rebuild in {monthsDiffer} rows");
        }
        finally
        {
            IndicatorClasses.DropComputedClasses(c);
        }
    }
}
