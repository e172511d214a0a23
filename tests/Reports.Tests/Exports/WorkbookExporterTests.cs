using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Exports;
using VolunteerStats.Reports.Scope;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports.Exports;

public class WorkbookExporterTests
{
    /// <summary>A sheet read back: cells by reference with their stored value, type and style.</summary>
    internal sealed record ReadCell(string Value, CellValues? Type, uint Style, bool HasFormula);

    internal static List<(string Name, Dictionary<string, ReadCell> Cells, Worksheet Sheet)> Read(SpreadsheetDocument doc)
    {
        var wb = doc.WorkbookPart!;
        var strings = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var result = new List<(string, Dictionary<string, ReadCell>, Worksheet)>();
        foreach (var sheet in wb.Workbook.Sheets!.Elements<Sheet>())
        {
            var ws = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet;
            var cells = new Dictionary<string, ReadCell>();
            foreach (var c in ws.Descendants<Cell>())
            {
                var raw = c.CellValue?.Text ?? "";
                var type = c.DataType?.Value;
                cells[c.CellReference!] = new ReadCell(type == CellValues.SharedString ? strings[int.Parse(raw)] : raw, type, c.StyleIndex?.Value ?? 0, c.CellFormula is not null);
            }
            result.Add((sheet.Name!, cells, ws));
        }
        return result;
    }

    [Fact]
    public void Write_FirstSheetHoldsIndicatorsCsv_CellByCellInRankOrder()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var query = new IndicatorQuery(2024, 10, "street", "330102");
        var expected = new IndicatorService().Compute(db.Connection, query);
        using var stream = new MemoryStream();
        ReportsData.Exporter().Write(db.Connection, query, stream);

        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var sheets = Read(doc);
        var (name, cells, ws) = sheets[0];
        Assert.StartsWith("指标", name);
        for (var c = 0; c < IndicatorFormats.Columns.Length; c++)
            Assert.Equal(IndicatorFormats.Columns[c], cells[XlsxBook.Column(c) + "1"].Value);
        Assert.Equal(2, expected.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            var csv = IndicatorFormats.CsvFields(expected[r]);
            for (var c = 0; c < csv.Length; c++)
            {
                var reference = XlsxBook.Column(c) + (r + 2);
                if (csv[c] is null) { Assert.False(cells.ContainsKey(reference), reference); continue; }
                var cell = cells[reference];
                if (csv[c] is "true" or "false") { Assert.Equal(CellValues.Boolean, cell.Type); Assert.Equal(csv[c] == "true" ? "1" : "0", cell.Value); }
                else if (c is 0 or 1 or 2 or 3) { Assert.Equal(CellValues.SharedString, cell.Type); Assert.Equal(csv[c], cell.Value); }
                else
                {
                    Assert.Null(cell.Type); // a number
                    Assert.Equal(decimal.Parse(csv[c]!, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(cell.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        // Frozen header row, and a percent format on the rates.
        var pane = ws.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        var styles = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var rateFormat = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cells["I2"].Style).NumberFormatId!.Value;
        Assert.Contains("%", styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == rateFormat).FormatCode!.Value);
        Assert.Equal(["逐月趋势 trend", "星级志愿者 stars", "数据质量 quality", "字段说明 columns"], sheets.Skip(1).Select(s => s.Name));
    }

    [Fact]
    public void Write_FormulaLikeOrganizationStaysText_WhenStarVolunteerBelongsToIt()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        using var stream = new MemoryStream();
        ReportsData.Exporter().Write(db.Connection, new IndicatorQuery(2024, 10, "district"), stream);
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var stars = Read(doc).Single(s => s.Name.StartsWith("星级"));
        var formula = stars.Cells.Values.SingleOrDefault(c => c.Value == ReportsData.FormulaOrganization)
            ?? throw new Xunit.Sdk.XunitException(string.Join(" | ", stars.Cells.Values.Select(c => c.Value)));
        Assert.False(formula.HasFormula);
        Assert.Equal(CellValues.SharedString, formula.Type);
        var format = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)formula.Style);
        Assert.True(format.QuotePrefix?.Value, "a formula-like text carries quotePrefix so that editing the cell does not evaluate it");
        Assert.DoesNotContain(doc.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()), _ => true);
        // The organization exported with a line break is on one line.
        Assert.Contains(stars.Cells.Values, c => c.Value == "堃喆志愿服务队 第二分队");
    }

    [Fact]
    public void Write_KeepsOnlyScopeRegions_WhenLimitedToADistrict()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        using var stream = new MemoryStream();
        ReportsData.Exporter().Write(db.Connection, new IndicatorQuery(2024, 10, "district"), stream, new ReportScope("330105"));
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var first = Read(doc)[0];
        Assert.Equal("330105", first.Cells["A2"].Value);
        Assert.False(first.Cells.ContainsKey("A3"));
        Assert.Throws<ReportScopeException>(() =>
            ReportsData.Exporter().Write(db.Connection, new IndicatorQuery(2024, 10, "street", "330102"), new MemoryStream(), new ReportScope("330105")));
    }
}
