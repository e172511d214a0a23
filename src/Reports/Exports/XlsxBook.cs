using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace VolunteerStats.Reports.Exports;

/// <summary>How a cell is written: text, a whole number, a decimal, a rate (fraction shown as a percentage) or a flag.</summary>
public enum CellKind
{
    Text,
    Integer,
    Decimal,
    Rate,
    Flag,
}

/// <summary>A cell: its kind and its value as invariant text (numbers exactly as the CSV prints them), null when unknown.</summary>
public readonly record struct XCell(CellKind Kind, string? Value)
{
    public static XCell Text(string? v) => new(CellKind.Text, v);
    public static XCell Int(long? v) => new(CellKind.Integer, v?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public static implicit operator XCell(string? v) => Text(v);
}

/// <summary>
/// A small .xlsx writer on the OpenXML SDK: numeric cells with thousands and percent formats, a bold frozen header
/// with an auto-filter, column widths, and text that no spreadsheet evaluates: cells are only ever written as values
/// (never as formulas), and text starting with <c>= + - @</c>, a tab or a carriage return gets the
/// <c>quotePrefix</c> style, which keeps Excel and LibreOffice from turning it into a formula even when the cell is edited.
/// </summary>
public sealed class XlsxBook : IDisposable
{
    // Style indexes in the stylesheet below.
    private const uint Header = 1, Integer = 2, Decimal = 3, Rate = 4, QuotedText = 5, Flag = 6, Plain = 0;

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly Sheets _sheets;
    private readonly SharedStringTable _strings = new();
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);
    private uint _sheetId;

    public XlsxBook(Stream stream)
    {
        _document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        _workbook.Workbook = new Workbook(new Sheets());
        _sheets = _workbook.Workbook.Sheets!;
        var styles = _workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
    }

    /// <summary>True when a spreadsheet would read <paramref name="text"/> as a formula (or its start as one).</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n'
        or '＝' or '＋' or '－' or '＠';

    /// <summary>Adds a sheet with one header row (frozen, filtered) and the rows; <paramref name="widths"/> in characters.</summary>
    public void AddSheet(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<XCell>> rows, IReadOnlyList<double> widths,
        IReadOnlyList<(string Title, string Prompt)>? headerNotes = null)
    {
        var part = _workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var headerRow = new Row { RowIndex = 1 };
        for (var c = 0; c < header.Count; c++) headerRow.Append(TextCell(Ref(c, 1), header[c], Header));
        data.Append(headerRow);
        uint r = 1;
        foreach (var row in rows)
        {
            r++;
            var x = new Row { RowIndex = r };
            for (var c = 0; c < row.Count; c++)
            {
                var cell = Cell(Ref(c, r), row[c]);
                if (cell is not null) x.Append(cell);
            }
            data.Append(x);
        }
        var worksheet = new Worksheet(
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0U }),
            new SheetFormatProperties { DefaultRowHeight = 16.5 },
            new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
            data,
            new AutoFilter { Reference = $"A1:{Column(header.Count - 1)}{Math.Max(r, 1)}" });
        if (headerNotes is not null)
        {
            // An input message on each header cell: the Chinese title and meaning of a column, shown when it is selected,
            // while the header row itself keeps the contract's column names.
            var validations = new DataValidations();
            for (var c = 0; c < headerNotes.Count; c++)
                validations.Append(new DataValidation
                {
                    AllowBlank = true, ShowInputMessage = true, PromptTitle = Truncate(headerNotes[c].Title, 32), Prompt = Truncate(headerNotes[c].Prompt, 255),
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = Ref(c, 1) },
                });
            validations.Count = (uint)headerNotes.Count;
            worksheet.Append(validations);
        }
        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        part.Worksheet = worksheet;
        _sheets.Append(new Sheet { Id = _workbook.GetIdOfPart(part), SheetId = ++_sheetId, Name = name });
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n];

    private Cell? Cell(string reference, XCell value)
    {
        if (value.Value is null) return null;
        return value.Kind switch
        {
            CellKind.Text => TextCell(reference, value.Value, LooksLikeFormula(value.Value) ? QuotedText : Plain),
            CellKind.Flag => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(value.Value == "true" ? "1" : "0"), StyleIndex = Flag },
            _ => new Cell
            {
                CellReference = reference, CellValue = new CellValue(value.Value),
                StyleIndex = value.Kind switch { CellKind.Integer => Integer, CellKind.Rate => Rate, _ => Decimal },
            },
        };
    }

    private Cell TextCell(string reference, string text, uint style)
    {
        if (!_stringIndex.TryGetValue(text, out var index))
        {
            index = _stringIndex.Count;
            _stringIndex[text] = index;
            _strings.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)), StyleIndex = style };
    }

    public static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    private static string Ref(int column, uint row) => Column(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00%" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(
            new Border(),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF808080" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true }) { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { QuotePrefix = true, NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center }) { ApplyAlignment = true }) { Count = 7 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    public void Dispose()
    {
        var sst = _workbook.AddNewPart<SharedStringTablePart>();
        _strings.Count = (uint)_stringIndex.Count;
        _strings.UniqueCount = (uint)_stringIndex.Count;
        sst.SharedStringTable = _strings;
        _document.Dispose();
    }
}
