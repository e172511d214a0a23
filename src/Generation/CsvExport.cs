using System.Text;

namespace VolunteerStats.Generation;

/// <summary>
/// Writes one CSV export the way spreadsheet programs and government systems do: the given encoding (a UTF-8
/// encoding with a preamble writes a BOM), the given line ending, fields quoted only when they need it.
/// </summary>
public sealed class CsvExport : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly string _newline;

    public CsvExport(string path, Encoding encoding, string newline)
    {
        _writer = new StreamWriter(path, false, encoding, 1 << 16);
        _newline = newline;
    }

    public static Encoding Utf8 { get; } = new UTF8Encoding(false);
    public static Encoding Utf8Bom { get; } = new UTF8Encoding(true);

    public static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(54936);
        }
    }

    public void Row(IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            WriteField(fields[i] ?? "");
        }
        _writer.Write(_newline);
    }

    /// <summary>A line written exactly as given (title rows, deliberately malformed rows).</summary>
    public void Raw(string line)
    {
        _writer.Write(line);
        _writer.Write(_newline);
    }

    private void WriteField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\""));
        _writer.Write('"');
    }

    public void Dispose() => _writer.Dispose();
}
