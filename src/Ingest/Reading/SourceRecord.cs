namespace VolunteerStats.Ingest.Reading;

/// <summary>
/// One record as read from a file, before any header is applied.
/// <paramref name="Line"/> is the physical line (CSV) or sheet row (XLSX) on which it starts, from 1.
/// <paramref name="Values"/> holds typed cell values (XLSX only: DateTime, double, bool) parallel to <paramref name="Cells"/>.
/// </summary>
public sealed record SourceRecord(long Line, string[] Cells, object?[]? Values, string Raw, bool Malformed)
{
    /// <summary>The XLSX sheet the record is on; null in a CSV file.</summary>
    public string? Sheet { get; init; }

    public bool IsBlank => Cells.All(c => string.IsNullOrWhiteSpace(c));

    public object? Value(int index) => Values is { } v && index < v.Length ? v[index] : null;

    public string Cell(int index) => index < Cells.Length ? Cells[index] : "";
}
