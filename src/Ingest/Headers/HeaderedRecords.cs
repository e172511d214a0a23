using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Headers;

/// <summary>
/// A file's data records, each with the header that governs it (CONTRACT §1). A CSV file has one header. In an XLSX
/// workbook every sheet is read in order and has its own header, found among its first 20 rows like a CSV file's;
/// the first sheet with a header decides the file's kind, and a later sheet without a header, or whose header is of
/// another kind, is skipped with a warning that names it. Rows above a header (titles) are not data; blank and
/// totals rows are left to the caller. Enumerate <see cref="Data"/> once.
/// </summary>
public sealed class HeaderedRecords
{
    private readonly IEnumerator<SourceRecord> _records;
    private readonly FileKind? _forced;
    private readonly string _file;
    private SourceRecord? _pushedBack;
    private HeaderMatch? _pending;
    private readonly List<string> _warnings = [];

    private HeaderedRecords(IEnumerator<SourceRecord> records, FileKind? forced, string file)
    {
        _records = records;
        _forced = forced;
        _file = file;
    }

    /// <summary>The header of the first data sheet (of the file, for CSV): it decides the kind.</summary>
    public HeaderMatch First { get; private set; } = null!;

    public FileKind Kind => First.Kind;

    /// <summary>Sheets skipped and sheets with a header but no data, in words; complete once <see cref="Data"/> is enumerated.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Finds the first header of the file. Throws <see cref="IngestFailedException"/> naming the file (and the sheets
    /// looked at) when the file is not an export at all or no header is found.
    /// </summary>
    public static HeaderedRecords Open(string path, IEnumerable<SourceRecord> records, FileKind? kind, string name)
    {
        if (SourceFile.Problem(path) is { } problem) throw new IngestFailedException(name, problem);
        var headed = new HeaderedRecords(records.GetEnumerator(), kind, name);
        headed.FindFirst();
        return headed;
    }

    private void FindFirst()
    {
        var skipped = new List<string>();
        var sawRows = false;
        while (Peek() is { } start)
        {
            sawRows = true;
            var (header, rows) = FindInSheet(start.Sheet);
            if (header is not null)
            {
                First = header;
                _pending = header;
                return;
            }
            if (start.Sheet is null) break;
            skipped.Add(start.Sheet);
            AddNoHeaderWarning(start.Sheet, rows);
        }
        if (!sawRows) throw new IngestFailedException(_file, "the file has no rows: there is nothing to load.");
        var lookedFor = _forced is null ? FileKind.All.Select(FieldCatalog.Describe) : [$"at least two fields of {FieldCatalog.Describe(_forced)}"];
        var where = skipped.Count == 0
            ? $"in the first {HeaderMatch.SearchRows} rows"
            : $"in the first {HeaderMatch.SearchRows} rows of any sheet (sheets: {string.Join(", ", skipped.Select(s => $"'{s}'"))})";
        throw new IngestFailedException(_file,
            $"no header row found {where}. Looked for one of: {string.Join("; ", lookedFor)}. " +
            "Check that this is a volunteer export and that its header row is within the first 20 rows.");
    }

    /// <summary>Every data record (rows after a header, on sheets that are read) with its header, in file order.</summary>
    public IEnumerable<(HeaderMatch Header, SourceRecord Record)> Data()
    {
        var header = _pending ?? throw new InvalidOperationException("Data() enumerates once.");
        _pending = null;
        while (true)
        {
            var sheet = header.Header.Sheet;
            long rows = 0;
            while (Peek() is { } record && record.Sheet == sheet)
            {
                Take();
                if (!record.IsBlank && !record.IsTotals) rows++;
                yield return (header, record);
            }
            if (rows == 0) _warnings.Add(sheet is null
                ? "文件只有表头，没有数据行 (the file has a header but no data rows: nothing was loaded from it)"
                : $"工作表“{sheet}”只有表头，没有数据行 (sheet '{sheet}' has a header but no data rows)");

            // The next sheet with a header of the file's kind, warning about those skipped on the way.
            HeaderMatch? next = null;
            while (next is null && Peek() is { } start)
            {
                var (found, scanned) = FindInSheet(start.Sheet);
                if (found is null)
                    AddNoHeaderWarning(start.Sheet!, scanned);
                else if (found.Kind != First.Kind)
                    _warnings.Add($"工作表“{start.Sheet}”已跳过：它的表头是{found.Kind.ChineseName}，而本文件第一张数据表“{First.Header.Sheet}”是{First.Kind.ChineseName} " +
                        $"(sheet '{start.Sheet}' skipped: its header is of {found.Kind.Name}, not {First.Kind.Name} like sheet '{First.Header.Sheet}'; " +
                        $"{SkipRest(start.Sheet) + scanned} non-empty rows not read; load it as a file of its own)");
                else next = found;
            }
            if (next is null) yield break;
            header = next;
        }
    }

    /// <summary>
    /// Looks for a header among the first 20 records of a sheet (of the file, for CSV). Returns it with the reader
    /// just past it, or null with the sheet's records up to that point consumed and the count of non-empty ones.
    /// </summary>
    private (HeaderMatch? Header, long NonEmpty) FindInSheet(string? sheet)
    {
        long nonEmpty = 0;
        for (var i = 0; i < HeaderMatch.SearchRows && Peek() is { } record && record.Sheet == sheet; i++)
        {
            Take();
            if (!record.IsBlank) nonEmpty++;
            if (HeaderMatch.Find(record, _forced) is { } match) return (match, nonEmpty);
        }
        return (null, nonEmpty);
    }

    /// <summary>A sheet without a header: skipped, with a warning unless it holds nothing at all (an empty Sheet2).</summary>
    private void AddNoHeaderWarning(string sheet, long scanned)
    {
        var rows = scanned + SkipRest(sheet);
        if (rows == 0) return;
        _warnings.Add($"工作表“{sheet}”已跳过：前 {HeaderMatch.SearchRows} 行中没有可识别的表头 " +
            $"(sheet '{sheet}' skipped: no header row in its first {HeaderMatch.SearchRows} rows; {rows} non-empty rows not read)");
    }

    /// <summary>Consumes the rest of a sheet that is not read; returns how many non-empty rows it had.</summary>
    private long SkipRest(string? sheet)
    {
        long n = 0;
        while (Peek() is { } record && record.Sheet == sheet)
        {
            Take();
            if (!record.IsBlank) n++;
        }
        return n;
    }

    private SourceRecord? Peek()
    {
        if (_pushedBack is not null) return _pushedBack;
        if (!_records.MoveNext()) return null;
        _pushedBack = _records.Current;
        return _pushedBack;
    }

    private void Take() => _pushedBack = null;
}
