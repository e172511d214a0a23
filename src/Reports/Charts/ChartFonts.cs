using SkiaSharp;

namespace VolunteerStats.Reports.Charts;

/// <summary>No installed font draws Chinese: charts would show boxes, so nothing is drawn.</summary>
public sealed class CjkFontMissingException(string message) : Exception(message);

/// <summary>
/// The CJK font charts are drawn with, chosen by name (ScottPlot's automatic choice draws boxes with the Skia build
/// used here, STACK.md) and checked against its character map, never assumed from a file name.
/// </summary>
public static class ChartFonts
{
    /// <summary>Preferred families, in order: WenQuanYi Micro Hei lays out cleanly in ScottPlot; Noto Sans CJK SC clipped a label.</summary>
    public static readonly string[] Families = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Noto Serif CJK SC"];

    /// <summary>Characters every chart draws (titles, region suffixes, units, marks).</summary>
    private const string Probe = "注册率活跃人均时长目标达标未市区县街道社区村镇乡小时月万";

    private static readonly Lazy<string?> Found = new(() => Families.FirstOrDefault(Covers));

    /// <summary>The family to draw with; throws <see cref="CjkFontMissingException"/> naming the Debian packages when none is installed.</summary>
    public static string Family => Found.Value ?? throw Missing();

    /// <summary>The first of <paramref name="families"/> that is installed and draws Chinese.</summary>
    internal static string Pick(IEnumerable<string> families) => families.FirstOrDefault(Covers) ?? throw Missing();

    private static CjkFontMissingException Missing() => new(
        "No CJK font is installed, so Chinese text would be drawn as boxes. Install one: " +
        "apt-get install -y fonts-wqy-microhei (or fonts-noto-cjk), then run the command again.");

    /// <summary>True when the installed font of that family (not a substitute) has a glyph for every character of <paramref name="text"/>.</summary>
    public static bool Covers(string family, string text)
    {
        using var typeface = SKTypeface.FromFamilyName(family);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return false;
        return typeface.ContainsGlyphs(text);
    }

    private static bool Covers(string family) => Covers(family, Probe);

    /// <summary>The met/not-met marks: ✓ ✗ where the chart font has them, else √ × (which every CJK font has).</summary>
    public static (string Met, string NotMet) Marks(string family) =>
        Covers(family, "✓✗") ? ("✓", "✗") : ("√", "×");
}
