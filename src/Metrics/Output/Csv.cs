using System.Text;

namespace VolunteerStats.Metrics.Output;

/// <summary>RFC 4180 output: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
public static class Csv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    public static void Write(TextWriter writer, IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        writer.Write(Line(header));
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(Line(row));
            writer.Write('\n');
        }
    }
}

/// <summary>
/// Aligned text tables, laid out by the columns a terminal gives each character (East Asian Width, by the Wcwidth
/// library's tables of Unicode 17): CJK characters take two; ✓, ✗, —, ★ and other neutral or ambiguous symbols one,
/// as terminals outside a CJK legacy locale draw them; combining marks and zero-width characters none.
/// </summary>
public static class TextTable
{
    public static int Width(string s)
    {
        var w = 0;
        foreach (var r in s.EnumerateRunes()) w += Math.Max(0, Wcwidth.UnicodeCalculator.GetWidth(r));
        return w;
    }

    public static void Write(TextWriter writer, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        var widths = header.Select(Width).ToArray();
        foreach (var row in rows)
            for (var i = 0; i < row.Count && i < widths.Length; i++) widths[i] = Math.Max(widths[i], Width(row[i]));
        void Emit(IReadOnlyList<string> cells)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < cells.Count; i++)
            {
                var pad = new string(' ', widths[i] - Width(cells[i]));
                sb.Append(rightAligned?.Contains(i) == true ? pad + cells[i] : cells[i] + pad);
                if (i < cells.Count - 1) sb.Append("  ");
            }
            writer.WriteLine(sb.ToString().TrimEnd());
        }
        Emit(header);
        writer.WriteLine(new string('─', widths.Sum() + 2 * (widths.Length - 1)));
        foreach (var row in rows) Emit(row);
    }
}
