using CsvHelper;

namespace VolunteerStats.Metrics.Output;

/// <summary>
/// The CSV of CONTRACT §6, written by CsvHelper: RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted,
/// quotes doubled; nothing else is), an empty field for null, records ended by LF. Callers pass text already formatted
/// (decimals by <c>IndicatorFormats</c>), so CsvHelper formats nothing itself. On 20,000 random records of commas,
/// quotes, CR, LF, spaces, tabs, emoji and nulls its output was identical to the hand-written writer it replaced
/// (docs/decisions.md).
/// </summary>
public static class Csv
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n", ValidateFieldCount = false };

    /// <summary>One record as CSV text, without its line ending.</summary>
    public static string Line(IEnumerable<string?> fields)
    {
        var text = new StringWriter();
        Write(text, [], [fields]);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The header (when it has columns) and the rows, each record ended by LF.</summary>
    public static void Write(TextWriter writer, IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        var names = header.ToArray();
        if (names.Length > 0) csv.WriteRecord(names);
        foreach (var row in rows) csv.WriteRecord(row.ToArray());
        csv.Flush();
    }
}
