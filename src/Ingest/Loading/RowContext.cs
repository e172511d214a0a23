using System.IO.Hashing;
using System.Globalization;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Loading;

/// <summary>What a loader needs while it judges one row: the header, today's date in China and the site key.</summary>
public sealed class RowContext(HeaderMatch header, DateOnly today, byte[] secretKey)
{
    private readonly XxHash128 _hasher = new();

    public HeaderMatch Header => header;
    public DateOnly Today => today;
    public byte[] SecretKey => secretKey;

    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secretKey);
    private readonly Dictionary<string, string> _idHashes = new(StringComparer.Ordinal);

    /// <summary>
    /// The keyed hash of an ID number (<see cref="Identity.PersonIdentity.HashIdNumber"/>), computed with one
    /// reused HMAC and remembered for the people of this file: hours exports repeat the same ID many times.
    /// </summary>
    public string? HashIdNumber(string idNumber)
    {
        if (idNumber.Length == 0) return null;
        if (_idHashes.TryGetValue(idNumber, out var known)) return known;
        var hash = Identity.PersonIdentity.HashIdNumber(_hmac, idNumber);
        // Bounded memory on huge files, for each judge thread (~25 MB): a cache hit saves ~1.3 µs of HMAC, and
        // hours exports repeat a person's ID within days; a roster repeats none, so a larger cache only costs.
        if (_idHashes.Count >= 100_000) _idHashes.Clear();
        if (hash is not null) _idHashes[idNumber] = hash;
        return hash;
    }
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
                DateOnly d when d.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture) => buffer[..n],
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
