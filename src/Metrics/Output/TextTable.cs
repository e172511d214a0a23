using System.Text;

namespace VolunteerStats.Metrics.Output;

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

    /// <summary>Rows aligned by display width, without a header or rule (a list under a heading).</summary>
    public static void WriteRows(TextWriter writer, IReadOnlyList<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        var widths = new int[rows.Max(r => r.Count)];
        foreach (var row in rows)
            for (var i = 0; i < row.Count; i++) widths[i] = Math.Max(widths[i], Width(row[i]));
        foreach (var row in rows) writer.WriteLine(Line(row, widths, rightAligned));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, ISet<int>? rightAligned)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            var pad = new string(' ', Math.Max(0, widths[i] - Width(cells[i])));
            sb.Append(rightAligned?.Contains(i) == true ? pad + cells[i] : cells[i] + pad);
            if (i < cells.Count - 1) sb.Append("  ");
        }
        return sb.ToString().TrimEnd();
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
