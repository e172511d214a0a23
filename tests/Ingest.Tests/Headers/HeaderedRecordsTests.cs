using System.Text;
using MiniExcelLibs;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Headers;

/// <summary>CONTRACT §1: every sheet of a workbook, in order, each with its own header; a sheet skipped only with a warning naming it.</summary>
public class HeaderedRecordsTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    /// <summary>Writes a workbook with the given sheets, in order; each sheet's rows as cells (null = empty).</summary>
    internal static string Workbook(string path, params (string Sheet, object?[][] Rows)[] sheets)
    {
        var book = new Dictionary<string, object>();
        foreach (var (sheet, rows) in sheets)
        {
            var width = rows.Max(r => r.Length);
            book[sheet] = rows.Select(r => Enumerable.Range(0, width).ToDictionary(i => ((char)('A' + i)).ToString(), i => i < r.Length ? r[i] : null)).ToList();
        }
        MiniExcel.SaveAs(path, book, printHeader: false);
        return path;
    }

    private static readonly object?[] Hours = ["记录编号", "志愿者编号", "服务日期", "服务时长（小时）"];

    private List<(string Sheet, long Line, string Reason, string Field)> Rejects() =>
        _db.Connection.Query("SELECT coalesce(sheet, ''), line, reason, coalesce(field, '') FROM rejects ORDER BY file_id, seq")
            .Select(r => (r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3))).ToList();

    [Fact]
    public void Ingest_ReadsEverySheet_WhenAWorkbookHasOneMonthPerSheet()
    {
        var path = Workbook(Path.Combine(_db.Dir, "hours.xlsx"),
            ("九月", [Hours, ["R1", "V1", "2024-09-01", 2], ["R2", "V1", "2024-09-02", "abc"]]),
            ("十月", [["十月服务时长"], Hours, ["R3", "V1", "2024-10-01", 3], ["R4", "V1", "2024-10-02", 1], ["R5", "V1", "2024-13-02", 1]]));
        var s = _db.Ingest(path);
        Assert.Equal((5L, 3L, 2L), (s.RowsRead, s.Unmatched, s.Rejected));
        Assert.Empty(s.Warnings);
        Assert.Equal([("九月", 3L, "bad_hours", "hours"), ("十月", 5L, "bad_date", "service_date")], Rejects());
    }

    [Fact]
    public void Ingest_SkipsAnInstructionsSheetWithAWarningNamingIt_WhenTheDataIsOnSheetTwo()
    {
        var path = Workbook(Path.Combine(_db.Dir, "hours.xlsx"),
            ("填表说明", [["本表为九月服务时长"], ["请勿修改表头"]]),
            ("数据", [Hours, ["R1", "V1", "2024-09-01", 2]]));
        var s = _db.Ingest(path);
        Assert.Equal((1L, 1L), (s.RowsRead, s.Unmatched));
        var warning = Assert.Single(s.Warnings);
        Assert.Contains("填表说明", warning);
        Assert.Contains("2 non-empty rows not read", warning);
    }

    [Fact]
    public void Ingest_SkipsASheetOfAnotherKindWithAWarning_AndCountsOnlyTheFirstKind()
    {
        var path = Workbook(Path.Combine(_db.Dir, "mixed.xlsx"),
            ("时长", [Hours, ["R1", "V1", "2024-09-01", 2]]),
            ("区划", [["区划代码", "名称"], ["330102", "上城区"]]));
        var s = _db.Ingest(path);
        Assert.Equal(("service_records", 1L), (s.Kind, s.RowsRead));
        var warning = Assert.Single(s.Warnings);
        Assert.Contains("区划", warning);
        Assert.Contains("regions", warning);
        Assert.Equal(0, _db.Count("SELECT count(*) FROM regions"));
    }

    [Fact]
    public void Ingest_NamesTheSheets_WhenNoSheetHasAHeader()
    {
        var path = Workbook(Path.Combine(_db.Dir, "notes.xlsx"), ("说明", [["说明"], ["无数据"]]), ("Sheet2", [["x", "y"]]));
        var e = Assert.Throws<IngestFailedException>(() => _db.Ingest(path));
        Assert.Contains("'说明'", e.Message);
        Assert.Contains("'Sheet2'", e.Message);
        Assert.Equal(0, _db.Count("SELECT count(*) FROM files"));
    }

    [Fact]
    public void Ingest_WarnsOfAHeaderWithoutData_AndLoadsNothing()
    {
        var s = _db.IngestText("header_only.csv", Samples.HoursHeader + "\n");
        Assert.Equal(0, s.RowsRead);
        Assert.Contains("no data rows", Assert.Single(s.Warnings));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "PDF")]
    [InlineData("<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table>", "HTML")]
    public void Ingest_SaysWhatTheFileLooksLike_WhenItIsNotAnExport(string content, string expected)
    {
        var path = _db.Write("hours.csv", content);
        var e = Assert.Throws<IngestFailedException>(() => _db.Ingest(path));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("no header row", e.Message);
    }

    [Fact]
    public void Ingest_SaysItLooksLikeAnOldXls_WhenGivenOne()
    {
        var path = Path.Combine(_db.Dir, "hours.xls");
        File.WriteAllBytes(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[600]]);
        var e = Assert.Throws<IngestFailedException>(() => _db.Ingest(path));
        Assert.Contains(".xls", e.Message);
    }
}
