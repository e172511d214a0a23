using System.IO.Hashing;
using System.Text;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Loading;

/// <summary>What a loader needs while it judges one row: the header, today's date in China and the site key.</summary>
public sealed class RowContext(HeaderMatch header, DateOnly today, byte[] secretKey)
{
    private readonly StringBuilder _hashInput = new();

    public HeaderMatch Header => header;
    public DateOnly Today => today;
    public byte[] SecretKey => secretKey;
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
    public Guid ContentHash(params object?[] values)
    {
        _hashInput.Clear();
        foreach (var v in values)
        {
            _hashInput.Append(v switch
            {
                null => "\u0000",
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                bool b => b ? "1" : "0",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => v.ToString(),
            });
            _hashInput.Append('\u001F');
        }
        var bytes = Encoding.UTF8.GetBytes(_hashInput.ToString());
        return new Guid(XxHash128.Hash(bytes));
    }
}
