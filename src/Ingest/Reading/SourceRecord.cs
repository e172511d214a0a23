namespace VolunteerStats.Ingest.Reading;

/// <summary>
/// One record as read from a file, before any header is applied.
/// <see cref="Line"/> is the physical line (CSV) or sheet row (XLSX) on which it starts, from 1.
/// <see cref="Values"/> holds typed cell values (XLSX only: DateTime, double, bool) parallel to <see cref="Cells"/>.
/// A CSV line without quotes is split into its cells only when they are first asked for (<see cref="Unquoted"/>): the
/// reading thread then only finds lines, the judges split them in parallel, and a line found stored by its text
/// (<c>Loading/ContentFingerprints.cs</c>) is never split at all.
/// </summary>
public sealed class SourceRecord
{
    private string[]? _cells;

    public SourceRecord(long line, string[] cells, object?[]? values, string raw, bool malformed)
    {
        Line = line;
        _cells = cells;
        Values = values;
        Raw = raw;
        Malformed = malformed;
    }

    private SourceRecord(long line, string raw)
    {
        Line = line;
        Raw = raw;
    }

    /// <summary>A CSV line without any quote: its cells are the text between commas, split when first needed.</summary>
    public static SourceRecord Unquoted(long line, string raw) => new(line, raw);

    public long Line { get; }

    /// <summary>The cells as text. Not thread-safe on first use: a record is handled by one thread at a time.</summary>
    public string[] Cells => _cells ??= Raw.Split(',');

    public object?[]? Values { get; }

    /// <summary>The record's text as read (CSV: its lines joined by <c>\n</c>; XLSX: its cells joined by tabs).</summary>
    public string Raw { get; }

    public bool Malformed { get; }

    /// <summary>The XLSX sheet the record is on; null in a CSV file.</summary>
    public string? Sheet { get; init; }

    /// <summary>How many cells the record has, without splitting a line that is not split yet.</summary>
    public int CellCount => _cells?.Length ?? Raw.AsSpan().Count(',') + 1;

    public bool IsBlank => _cells is null ? Raw.AsSpan().ContainsAnyExcept(BlankLine) is false : _cells.All(string.IsNullOrWhiteSpace);

    /// <summary>A totals row of an export (合计, 总计, 小计 in its first cell with text): not data.</summary>
    public bool IsTotals => FirstText() is "合计" or "总计" or "小计";

    /// <summary>The first cell with text, trimmed; null when there is none.</summary>
    public string? FirstText()
    {
        if (_cells is not null) return _cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim();
        foreach (var range in Raw.AsSpan().Split(','))
        {
            var cell = Raw.AsSpan(range).Trim();
            if (!cell.IsEmpty) return cell.ToString();
        }
        return null;
    }

    public object? Value(int index) => Values is { } v && index < v.Length ? v[index] : null;

    public string Cell(int index) => index < Cells.Length ? Cells[index] : "";

    // What a line of only commas and white space holds (string.IsNullOrWhiteSpace's characters as char.IsWhiteSpace).
    private static readonly System.Buffers.SearchValues<char> BlankLine = System.Buffers.SearchValues.Create(
        [',', .. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(char.IsWhiteSpace)]);
}
