using System.IO.Hashing;
using System.Globalization;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Loading;

/// <summary>What a loader needs while it judges one row: the header, today's date in China and the site key. One per judge thread.</summary>
public sealed class RowContext(HeaderMatch header, DateOnly today, byte[] secretKey)
{
    private readonly XxHash128 _hasher = new();

    public HeaderMatch Header => header;
    public DateOnly Today => today;
    public byte[] SecretKey => secretKey;

    private readonly HmacSha256 _hmac = new(secretKey);

    /// <summary>
    /// Changes whenever a loader would judge the same text differently (a new date or hours form, another key or
    /// content rule): stored source hashes of an older judge then no longer match, and their rows are found by
    /// their content hash instead. Part of every source hash's seed.
    /// </summary>
    internal const int JudgeVersion = 1;

    private readonly long _sourceSeed = SourceSeed(header);

    /// <summary>
    /// The seed of this layout's source hashes: the kind, which column holds which field and how many columns a row
    /// must have. That is all a loader sees of the header (<see cref="Text"/>, <see cref="Value"/>), so equal text under
    /// an equal seed is judged to equal values.
    /// </summary>
    private static long SourceSeed(HeaderMatch header)
    {
        var layout = new System.Text.StringBuilder($"{JudgeVersion}\u001f{header.Kind.Name}\u001f{header.Header.Cells.Length}");
        foreach (var (field, column) in header.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
            layout.Append('\u001f').Append(field).Append('=').Append(column.ToString(CultureInfo.InvariantCulture));
        return (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(layout.ToString().AsSpan()));
    }

    /// <summary>
    /// Hash of a CSV record's raw text (<see cref="SourceRecord.Raw"/>) under this header's layout: a record with an
    /// equal source hash was read from equal text under an equal layout, and is judged to equal values. Workbook
    /// rows have none (their typed cells are not in the text).
    /// </summary>
    public Guid? SourceHash(SourceRecord record)
    {
        if (record.Values is not null) return null;
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(record.Raw.AsSpan()), _sourceSeed);
        return new Guid(MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in hash)));
    }

    /// <summary>
    /// The keyed hash of an ID number (<see cref="PersonIdentity.HashIdNumber(HmacSha256, string)"/>) with this
    /// judge's keyed HMAC. Not cached: remembering the 865k distinct ID numbers of the 2M-record bench file made
    /// judging slower (9.2 s against 5.0 s on one thread), the long-lived entries costing the GC more than the
    /// HMACs they saved.
    /// </summary>
    public string? HashIdNumber(string idNumber) => idNumber.Length == 0 ? null : PersonIdentity.HashIdNumber(_hmac, idNumber);
    public SourceRecord Record { get; set; } = null!;

    /// <summary>Trimmed text of a field, "" when its column is absent.</summary>
    public string Text(string field)
    {
        var i = header.Column(field);
        return i < 0 ? "" : Record.Cell(i).Trim();
    }

    public object? Value(string field)
    {
        var i = header.Column(field);
        return i < 0 ? null : Record.Value(i);
    }

    /// <summary>Hash of a row's parsed field values: rows with equal hashes are identical (CONTRACT §1).</summary>
    public Guid ContentHash(params ReadOnlySpan<object?> values)
    {
        _hasher.Reset();
        Span<char> buffer = stackalloc char[32];
        foreach (var v in values)
        {
            ReadOnlySpan<char> text = v switch
            {
                null => "\u0000",
                string str => str,
                DateOnly d => buffer[..Parsing.Dates.FormatIso(d, buffer)],
                bool b => b ? "1" : "0",
                long l when l.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture) => buffer[..n],
                int i when i.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture) => buffer[..n],
                _ => Convert.ToString(v, CultureInfo.InvariantCulture),
            };
            _hasher.Append(MemoryMarshal.AsBytes(text));
            _hasher.Append(Separator);
        }
        Span<byte> hash = stackalloc byte[16];
        _hasher.GetHashAndReset(hash);
        return new Guid(hash);
    }

    private static ReadOnlySpan<byte> Separator => [0x1F, 0x00];
}
