using System.Text;
using MiniExcelLibs;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Reading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Loading;

public class IngestRulesTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    private static void AssertAccounts(IngestSummary s) =>
        Assert.Equal(s.RowsRead, s.Inserted + s.Updated + s.Unchanged + s.Unmatched + s.Rejected);

    private List<(long Line, string Reason, string Raw)> Rejects() =>
        _db.Connection.Query("SELECT line, reason, raw FROM rejects ORDER BY file_id, line")
            .Select(r => (r.GetInt64(0), r.GetString(1), r.GetString(2))).ToList();

    [Fact]
    public void Ingest_RejectsEachReason_WithFileLineAndRaw()
    {
        var s = _db.IngestText("hours.csv", $"""
            {Samples.HoursHeader}
            R1,V1,,2024-03-05,2.5,P1
            R2,V1,,2024-03-05,2.5
            R3,,,2024-03-05,2,P1
            R4,V1,,2024-02-30,2,P1
            R5,V1,,2024-11-06,2,P1
            R6,V1,,2024-11-05,0,P1
            R7,V1,,2024-03-05,24.5,P1
            R8,V1,,2024-03-05,abc,P1
            R9,V1,,2024-03-05,,P1
            R10,V1,,2024-03-05,-1,P1
            """);
        AssertAccounts(s);
        Assert.Equal(10, s.RowsRead);
        Assert.Equal(1, s.Unmatched); // R1: nobody registered yet
        Assert.Equal(new Dictionary<string, long>
        {
            ["malformed_row"] = 1, ["missing_field"] = 2, ["bad_date"] = 1, ["future_date"] = 1, ["bad_hours"] = 4,
        }.OrderBy(k => k.Key), s.RejectedByReason.OrderBy(k => k.Key));
        var rejects = Rejects();
        Assert.Equal((3L, "malformed_row", "R2,V1,,2024-03-05,2.5"), rejects[0]);
        Assert.Contains((6L, "future_date", "R5,V1,,2024-11-06,2,P1"), rejects);
        // Today (2024-11-05 in Shanghai) is not future.
        Assert.Contains((7L, "bad_hours", "R6,V1,,2024-11-05,0,P1"), rejects);
        Assert.Equal(9, rejects.Count);
    }

    [Theory]
    [InlineData("V1,张三,,2024-13-01,12345,正常,", "bad_region")]     // region before date
    [InlineData(",张三,,2024-13-01,12345,正常,", "missing_field")]    // missing before region
    [InlineData("V1,张三,,2025-01-01,330102,正常,", "future_date")]
    [InlineData("V1,张三,,2024-01-01,330102,注销,2024-99-01", "bad_date")]
    [InlineData("V1,张三,,2024-01-01,330102,注销,2025-01-01", "future_date")]
    [InlineData("V1,张三,,2024-01-01,330102,,2025-01-01", "future_date")]
    [InlineData("\"V1,张三,,2024-01-01,330102,正常,", "malformed_row")]
    public void Ingest_GivesFirstReasonInContractOrder_WhenRowHasSeveralProblems(string row, string reason)
    {
        var s = _db.IngestText("roster.csv", Samples.RosterHeader + "\n" + row + "\n");
        Assert.Equal(1, s.Rejected);
        Assert.Equal(reason, Rejects().Single().Reason);
    }

    [Fact]
    public void Ingest_IgnoresCancelledAt_WhenStatusIsNormal()
    {
        var s = _db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-01,330102,正常,not a date\n");
        Assert.Equal(1, s.Inserted);
        Assert.False(_db.Connection.Scalar<bool>("SELECT is_cancelled FROM registrations"));
    }

    [Fact]
    public void Ingest_RejectsBadNumber_WhenPopulationIsNotWhole()
    {
        var s = _db.IngestText("pop.csv", "区划代码,年份,常住人口\n330102,2024,1000\n330105,2024,12.5\n330106,二〇二四,10\n330108,2024,-3\n3301,2024,x\n");
        Assert.Equal(1, s.Inserted);
        Assert.Equal(3, s.RejectedByReason["bad_number"]);
        Assert.Equal(1, s.RejectedByReason["bad_region"]);
    }

    [Fact]
    public void Ingest_SkipsTitleRowsTotalsAndBlankLines_AndCountsPhysicalLines()
    {
        var s = _db.IngestText("hours.csv", $"志愿服务时长统计表\n导出时间：2024-11-05\n\n{Samples.HoursHeader}\nR1,V1,,2024-03-05,2.5,P1\n,,,,,\n\nR2,V1,,2024-03-05,bad,P1\n合计,,,,5,\n");
        Assert.Equal(2, s.RowsRead);
        Assert.Equal(8, Rejects().Single().Line);
    }

    [Fact]
    public void Ingest_FailsNamingFileAndFields_WhenNoHeader()
    {
        var path = _db.Write("notes.csv", "hello,world\n1,2\n");
        var e = Assert.Throws<IngestFailedException>(() => _db.Ingest(path));
        Assert.Contains("notes.csv", e.Message);
        Assert.Contains("service_date", e.Message);
        Assert.Equal(0, _db.Count("SELECT count(*) FROM files"));
    }

    [Fact]
    public void Ingest_RecognisesAliasesUnitsAndFullWidthBrackets()
    {
        var s = _db.IngestText("hours.csv", " 服务记录编号 ,志愿者ID,活动日期,时长(小时),Category\nR1,V1,2024/3/5,2.5,助老\n");
        Assert.Equal(FileKind.ServiceRecords.Name, s.Kind);
        Assert.Equal(1, s.Unmatched);
        Assert.Equal(2.5m * 3_600_000_000m, _db.Connection.Scalar<long>("SELECT hours_units FROM service_records"));
    }

    [Fact]
    public void Ingest_UsesMinutesColumn_AndIgnoresHours_WhenBothPresent()
    {
        _db.IngestText("hours.csv", "记录编号,志愿者编号,服务日期,服务时长（小时）,服务时长（分钟）\nR1,V1,2024-03-05,garbage,90\nR2,V1,2024-03-05,,30\n");
        Assert.Equal(2.0m, _db.Connection.Scalar<long>("SELECT sum(hours_units)::BIGINT FROM service_records") / 3_600_000_000m);
    }

    [Fact]
    public void Ingest_ForcedKind_FindsHeaderWithTwoFields_AndRejectsMissingColumns()
    {
        var path = _db.Write("odd.csv", "志愿者编号,服务日期\nV1,2024-03-05\n");
        var s = _db.Ingest(path, FileKind.ServiceRecords);
        Assert.Equal(1, s.RejectedByReason["missing_field"]);
    }

    [Fact]
    public void Ingest_StoresSameRows_WhenUtf8BomOrGb18030()
    {
        var text = Samples.RosterHeader + "\r\nV1,张三明,11010519491231002X,2024-01-05,330102,正常,\r\nV2,欧阳娜娜,,2024-01-06,330105,,\r\n";
        var a = _db.IngestText("utf8.csv", text);
        var b = _db.IngestText("bom.csv", text, new UTF8Encoding(true));
        var c = _db.IngestText("gbk.csv", text.Replace("\r\n", "\n"), TextDecoding.Gb18030);
        Assert.Equal(2, a.Inserted);
        Assert.Equal(2, b.Unchanged);
        Assert.Equal(2, c.Unchanged);
        Assert.Equal(["张*明", "欧**娜"], _db.Connection.Query("SELECT name_masked FROM registrations ORDER BY volunteer_id").Select(r => r.GetString(0)).ToList());
    }

    [Fact]
    public void Ingest_NeverStoresRawIdNumbers()
    {
        _db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三明,11010519491231002X,2024-01-05,330102,正常,\n");
        _db.IngestText("bad.csv", Samples.RosterHeader + "\nV2,张三明,11010519491231002X,2024-01-05,33010,正常,\n");
        _db.Connection.Execute("CHECKPOINT");
        _db.Connection.Dispose();
        var bytes = File.ReadAllBytes(_db.DbPath);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("11010519491231002X", text);
        Assert.DoesNotContain("张三明", text);
        using var read = _db.Database.OpenRead();
        Assert.Equal("V2,张*明,110105********002X,2024-01-05,33010,正常,", read.Scalar<string>("SELECT raw FROM rejects"));
    }

    [Fact]
    public void Ingest_UsesTheEarlierAlias_WhenTwoColumnsNameOneField()
    {
        // 服务时间 is also an alias of service_date; here it holds the time of day, left of the real date.
        var s = _db.IngestText("h.csv", "记录编号,志愿者编号,服务时间,服务日期,时长(小时),服务时长（小时）\nR1,V1,09:00-11:00,2024-03-05,x,2\n");
        Assert.Equal((1L, 0L), (s.Unmatched, s.Rejected));
        Assert.Equal(2m, _db.Connection.Scalar<long>("SELECT hours_units FROM service_records") / 3_600_000_000m);
    }

    [Fact]
    public void Ingest_MasksTheName_InRosterRowsOfTheWrongShape()
    {
        _db.IngestText("bad.csv", Samples.RosterHeader + "\n" +
            "V1,\"周九,,2024-01-05,330102,正常,\n" +      // unbalanced quote: the row does not split
            "V2,张三明,2024-01-05,330102,正常,\n" +        // a column missing
            "V3,,李四光,,2024-01-05,330102,正常,\n");      // a comma added: one cell late
        var raws = Rejects().Select(r => r.Raw).ToList();
        Assert.Equal(3, raws.Count);
        Assert.All(raws, raw => Assert.DoesNotContain("九", raw));
        Assert.DoesNotContain(raws, raw => raw.Contains("张三明") || raw.Contains("李四光"));
        Assert.Contains("V3,,李*光,,2024-01-05,330102,正常,", raws);
    }

    [Fact]
    public void Ingest_ReplacesSnapshotRows_AndCountsUpdatedAndUnchanged()
    {
        _db.IngestText("r1.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\nV2,李四,,2024-01-05,330102,正常,\n");
        var s = _db.IngestText("r2.csv", "所属区划代码,注册日期,志愿者编号,姓名,状态,注销日期\n330102,2024/1/5 10:00,V1,张三,正常,\n330102,20240105,V2,李四,注销,2024-06-01\n330105,2024-02-01,V3,王五,,\n");
        Assert.Equal((1L, 1L, 1L), (s.Inserted, s.Updated, s.Unchanged));
        Assert.True(_db.Connection.Scalar<bool>("SELECT is_cancelled FROM registrations WHERE volunteer_id = 'V2'"));
    }

    [Fact]
    public void Ingest_CountsLaterRowAsUpdate_WhenSameKeyTwiceInOneFile()
    {
        var s = _db.IngestText("h.csv", $"{Samples.HoursHeader}\nR1,V1,,2024-03-05,2,P1\nR1,V1,,2024-03-05,3,P1\nR1,V1,,2024-03-05,3,P1\n");
        Assert.Equal((1L, 1L, 1L), (s.Unmatched, s.Updated, s.Unchanged));
        Assert.Equal(3m, _db.Connection.Scalar<long>("SELECT hours_units FROM service_records") / 3_600_000_000m);
        Assert.Equal(1, _db.Count("SELECT count(*) FROM service_record_history"));
    }

    [Fact]
    public void Ingest_KeepsSupersededVersionInHistory_WhenLaterFileChangesRecord()
    {
        _db.IngestText("h1.csv", $"{Samples.HoursHeader}\nR1,V1,,2024-03-05,2,P1\n");
        var s = _db.IngestText("h2.csv", $"{Samples.HoursHeader}\nR1,V1,,2024-03-05,4,P1\n");
        Assert.Equal(1, s.Updated);
        Assert.Equal(2m, _db.Connection.Scalar<long>("SELECT hours_units FROM service_record_history") / 3_600_000_000m);
        Assert.Equal(4m, _db.Connection.Scalar<long>("SELECT hours_units FROM service_records") / 3_600_000_000m);
    }

    [Fact]
    public void Ingest_KeysRecordsByTuple_WhenNoRecordId()
    {
        var s = _db.IngestText("h.csv", "志愿者编号,项目编号,服务日期,服务时长\nV1,P1,2024-03-05,2\nV1,P1,2024/3/5,2小时\nV1,P1,2024-03-05,3\n");
        Assert.Equal(2, s.Unmatched);
        Assert.Equal(1, s.Unchanged);
    }

    [Fact]
    public void Ingest_MatchesUnmatchedRecords_WhenLaterRosterBringsThePerson()
    {
        var h = _db.IngestText("h.csv", $"{Samples.HoursHeader}\nR1,V9,,2024-03-05,2,P1\nR2,,11010519491231002X,2024-03-06,2,P1\n");
        Assert.Equal(2, h.Unmatched);
        _db.IngestText("r.csv", Samples.RosterHeader + "\nV9,张三,,2024-01-05,330102,正常,\nV10,李四,11010519491231002x,2024-01-05,330105,正常,\n");
        var rows = _db.Connection.Query("SELECT region_code, registered, active FROM monthly_indicators WHERE year = 2024 AND month = 3 AND region_code IN ('330102','330105') ORDER BY 1")
            .Select(r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2))).ToList();
        Assert.Equal([("330102", 1L, 1L), ("330105", 1L, 1L)], rows);
        // A key seen before counts as updated or unchanged, matched or not.
        var again = _db.IngestText("h2.csv", $"{Samples.HoursHeader}\nR1,V9,,2024-03-05,2,P1\nR3,V9,,2024-03-07,1,P1\n");
        Assert.Equal((1L, 1L, 0L), (again.Unchanged, again.Inserted, again.Unmatched));
    }

    [Fact]
    public void Ingest_ChangesNothing_WhenSameBytesAgain()
    {
        var path = _db.Write("h.csv", $"{Samples.HoursHeader}\nR1,V1,,2024-03-05,2,P1\nbad\n");
        _db.Ingest(path);
        var before = _db.Dump();
        var again = _db.Ingest(path);
        Assert.True(again.AlreadyIngested);
        Assert.Equal(0, again.RowsRead + again.Rejected + again.Inserted);
        Assert.Equal(before, _db.Dump());
    }

    [Fact]
    public void Ingest_LeavesDatabaseAsBefore_WhenFailureInjectedMidFile()
    {
        _db.IngestText("r.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\n");
        var before = _db.Dump();
        var path = _db.Write("h.csv", $"{Samples.HoursHeader}\n" + string.Join("\n", Enumerable.Range(1, 100).Select(i => $"R{i},V1,,2024-03-05,1,P1")) + "\nbad row\n");
        _db.Ingestor.AfterRowStaged = n => { if (n == 50) throw new IOException("disk went away"); };
        Assert.Throws<IOException>(() => _db.Ingest(path));
        _db.Ingestor.AfterRowStaged = null;
        Assert.Equal(before, _db.Dump());
        var s = _db.Ingest(path);
        Assert.Equal(100, s.Inserted);
    }

    [Fact]
    public void OpenWrite_UndoesAnIngestKilledDuringItsCommit_LeavingTheDatabaseAsBefore()
    {
        _db.IngestText("regions.csv", Samples.Regions);
        _db.IngestText("r.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102001,正常,\nV2,李四,,2024-01-05,330102,正常,\n");
        _db.IngestText("h.csv", $"{Samples.HoursHeader}\nR1,V1,,2024-03-05,2,P1\nR2,V2,,2024-03-06,3,P1\nbad\n");
        var before = _db.Dump();
        Assert.Equal(0, _db.Count("SELECT count(*) FROM ingest_intents"));

        // What DuckDB 1.5.6 was seen to recover after a kill -9 during a commit: the intent committed before the
        // file's transaction, and whole row groups that transaction had written ahead, without the rest of it (its
        // files row, its deletes of replaced rows, the intent's removal).
        var x = _db.Count("SELECT max(file_id) + 1 FROM files"); // the intent of another process, now dead
        _db.Connection.Execute($"INSERT INTO ingest_intents VALUES ({x}, 'h2.csv', '0123', now()::TIMESTAMP)");
        _db.Connection.Execute($"INSERT INTO service_records SELECT * REPLACE ('K' || row_key AS row_key, {x} AS file_id) FROM service_records");
        _db.Connection.Execute($"INSERT INTO service_record_history SELECT * EXCLUDE (source_hash), {x} FROM service_records WHERE file_id < {x}");
        _db.Connection.Execute($"INSERT INTO rejects (file_id, line, kind, reason, raw) VALUES ({x}, 2, 'service_records', 'bad_date', 'R9')");
        _db.Connection.Execute("INSERT INTO indicator_class_hours SELECT * FROM indicator_class_hours");
        _db.Connection.Execute("INSERT INTO monthly_indicators SELECT * FROM monthly_indicators");
        Assert.NotEqual(before, _db.Dump());

        using (_db.Database.OpenWrite()) { } // any command that opens the database, the next ingest included
        Assert.Equal(before, _db.Dump());
        Assert.Equal(0, _db.Count("SELECT count(*) FROM ingest_intents"));
        var again = _db.IngestText("h3.csv", $"{Samples.HoursHeader}\nR1,V1,,2024-03-05,2,P1\nR3,V1,,2024-03-07,1,P1\n");
        Assert.Equal((1L, 1L, x), (again.Unchanged, again.Inserted, again.FileId));
    }

    [Fact]
    public void OpenWrite_LeavesAnIngestUnderWayInThisProcess_Alone()
    {
        _db.IngestText("r.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\n");
        var x = InterruptedIngests.Begin(_db.Connection, "h.csv", "0123", _db.Clock.GetUtcNow().UtcDateTime); // as the ingest does before its transaction

        using (var other = _db.Database.OpenWrite()) // another connection of this process, e.g. a reader of the server
            Assert.Equal(1, other.Scalar<long>("SELECT count(*) FROM ingest_intents"));
        InterruptedIngests.End(_db.Connection, x);
        Assert.Equal(0, _db.Count("SELECT count(*) FROM ingest_intents"));
    }

    [Fact]
    public void Ingest_ReadsXlsxDateCellsMinutesAndRowNumbers()
    {
        var path = Path.Combine(_db.Dir, "hours.xlsx");
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["A"] = "志愿服务时长统计表", ["B"] = null, ["C"] = null, ["D"] = null },
            new() { ["A"] = "记录编号", ["B"] = "志愿者编号", ["C"] = "服务日期", ["D"] = "服务时长（分钟）" },
            new() { ["A"] = "R1", ["B"] = "V1", ["C"] = new DateTime(2024, 3, 5, 14, 0, 0), ["D"] = 90 },
            new() { ["A"] = "R2", ["B"] = "V1", ["C"] = "2024年3月6日", ["D"] = 30.0 },
            new() { ["A"] = "R3", ["B"] = "V1", ["C"] = "not a date", ["D"] = 30 },
        };
        MiniExcel.SaveAs(path, rows, printHeader: false);
        var s = _db.Ingest(path);
        Assert.Equal((3L, 2L, 1L), (s.RowsRead, s.Unmatched, s.Rejected));
        var reject = Rejects().Single();
        Assert.Equal(5, reject.Line);
        Assert.Equal("R3\tV1\tnot a date\t30", reject.Raw);
        Assert.Equal(2m, _db.Connection.Scalar<long>("SELECT sum(hours_units)::BIGINT FROM service_records") / 3_600_000_000m);
        Assert.Equal(new DateOnly(2024, 3, 5), _db.Connection.Scalar<DateOnly>("SELECT min(service_date) FROM service_records"));
    }

    [Fact]
    public void Ingest_TreatsRowsAsIdentical_WhenOnlyFormattingAndFileTypeDiffer()
    {
        _db.IngestText("h.csv", "记录编号,志愿者编号,服务日期,服务时长（小时）\nR1,V1,2024-03-05,1.5\n");
        var path = Path.Combine(_db.Dir, "h.xlsx");
        MiniExcel.SaveAs(path, new[] { new Dictionary<string, object?> { ["服务日期"] = new DateTime(2024, 3, 5), ["服务时长（分钟）"] = 90, ["志愿者编号"] = "V1", ["记录编号"] = "R1" } });
        Assert.Equal(1, _db.Ingest(path).Unchanged);
    }

    [Fact]
    public void Ingest_ComparesNamesAsStored_SoSameMaskIsUnchanged()
    {
        _db.IngestText("r1.csv", Samples.RosterHeader + "\nV1,张三明,,2024-01-05,330102,正常,\n");
        var s = _db.IngestText("r2.csv", Samples.RosterHeader + "\nV1,张四明 ,,2024-01-05 09:00,330102000000,正常,\n");
        Assert.Equal(1, s.Unchanged);
    }

    [Fact]
    public void Ingest_RejectsBadRegion_WhenRegionsFileCodeOrParentIsMalformed()
    {
        var s = _db.IngestText("regions.csv", "区划代码,名称,上级代码\n330102,上城区,330100\n33010,坏代码,330100\n330105,拱墅区,3301\n330106,,330100\n");
        Assert.Equal(1, s.Inserted);
        Assert.Equal(2, s.RejectedByReason["bad_region"]);
        Assert.Equal(1, s.RejectedByReason["missing_field"]);
        // A region's name is no person's: the raw text keeps it.
        Assert.Contains((3L, "bad_region", "33010,坏代码,330100"), Rejects());
    }

    [Fact]
    public void Ingest_ReadsFullWidthDigits_AndRejectsOtherScriptsDigits()
    {
        var roster = _db.IngestText("r.csv", Samples.RosterHeader + ",出生日期\n" +
            "V1,张三,,２０２４年３月５日,３３０１０２,正常,,１９９０-01-01\n" +
            "V2,李四,,٢٠٢٤-03-05,330102,正常,,\n");
        Assert.Equal((1L, 1L), (roster.Inserted, roster.RejectedByReason["bad_date"]));
        Assert.Equal("2024-03-05|330102|1990-01-01", _db.Connection.Scalar<string>(
            "SELECT registered_at || '|' || region_code || '|' || birth_date FROM registrations"));

        var hours = _db.IngestText("h.csv", Samples.HoursHeader + "\n" +
            "R1,V1,,２０２４－０３－０６,２．５,P1\n" +
            "R2,V1,,2024-03-07,２小时３０分,P1\n" +
            "R3,V1,,2024-03-08,١٢,P1\n");
        AssertAccounts(hours);
        Assert.Equal((2L, 1L), (hours.Inserted, hours.RejectedByReason["bad_hours"]));
        Assert.Equal(5m, _db.Connection.Scalar<long>("SELECT sum(hours_units)::BIGINT FROM service_records") / 3_600_000_000m);
    }

    [Fact]
    public void Ingest_ReadsATruncatedUtf8Copy_AsUtf8_RejectingOnlyTheCutRow()
    {
        var bytes = Encoding.UTF8.GetBytes("志愿者编号,姓名,注册时间,所属区划代码,状态\nP1,张三,2024-01-01,330102,注销\n" +
            "P2,李四,2024-01-01,330102,正常\nP3,王");
        var path = Path.Combine(_db.Dir, "cut.csv");
        File.WriteAllBytes(path, bytes[..^1]); // the copy ends inside 王
        var s = _db.Ingest(path);
        Assert.Equal((3L, 2L, 1L), (s.RowsRead, s.Inserted, s.RejectedByReason["malformed_row"]));
        Assert.Equal(1, _db.Count("SELECT count(*) FROM registrations WHERE is_cancelled")); // 注销 read as 注销
    }
}
