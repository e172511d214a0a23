using SkiaSharp;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Charts;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports.Charts;

public class ChartRendererTests
{
    private static SKBitmap Decode(ChartImage image) => SKBitmap.Decode(image.Bytes);

    /// <summary>Share of pixels that differ between two images of one size, within a band of rows.</summary>
    private static double Difference(SKBitmap a, SKBitmap b, int top, int bottom)
    {
        long differ = 0, total = 0;
        for (var y = top; y < bottom; y++)
            for (var x = 0; x < a.Width; x++, total++)
                if (a.GetPixel(x, y) != b.GetPixel(x, y)) differ++;
        return (double)differ / total;
    }

    private static int Ink(SKBitmap a, int top, int bottom)
    {
        var n = 0;
        for (var y = top; y < bottom; y++)
            for (var x = 0; x < a.Width; x++)
                if (a.GetPixel(x, y).Red < 128) n++;
        return n;
    }

    [Fact]
    public void Ranking_DrawsChineseAsGlyphs_NotAsTheBoxesOfAFontWithoutChinese()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var rows = new IndicatorService().Compute(db.Connection, new IndicatorQuery(2024, 10, "district"));
        const string title = "各区志愿服务指标排名";
        var chart = Decode(ChartRenderer.Ranking(rows, title, ChartFormat.Png));
        Assert.True(BriefingFontsCover(ChartFonts.Family, title));
        // The same chart drawn with a font that has no Chinese: Skia draws its .notdef box for every character.
        var boxes = Decode(ChartRenderer.Ranking(rows, title, ChartFormat.Png, "DejaVu Sans"));
        Assert.False(BriefingFontsCover("DejaVu Sans", title));
        Assert.Equal((chart.Width, chart.Height), (boxes.Width, boxes.Height));
        // The title band: inked in both, and differently (glyphs, not boxes).
        Assert.True(Ink(chart, 0, 56) > 200);
        Assert.True(Ink(boxes, 0, 56) > 200);
        Assert.True(Difference(chart, boxes, 0, 56) > 0.01, "the title looks like boxes");
        // A box is a hollow rectangle: rendering the title's characters one by one with the box font gives identical
        // ink for each, while glyphs differ from character to character.
        using var cjk = SKTypeface.FromFamilyName(ChartFonts.Family);
        using var box = SKTypeface.FromFamilyName("DejaVu Sans");
        Assert.True(DistinctShapes(cjk, title) >= title.Distinct().Count() - 1);
        Assert.Equal(1, DistinctShapes(box, title));
    }

    private static bool BriefingFontsCover(string family, string text) => ChartFonts.Covers(family, text);

    /// <summary>How many different bitmaps the characters of <paramref name="text"/> draw as.</summary>
    private static int DistinctShapes(SKTypeface typeface, string text)
    {
        var shapes = new HashSet<string>();
        using var font = new SKFont(typeface, 32);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        foreach (var c in text.Distinct())
        {
            using var bitmap = new SKBitmap(40, 40);
            using var canvas = new SKCanvas(bitmap);
            canvas.Clear(SKColors.White);
            canvas.DrawText(c.ToString(), 2, 32, SKTextAlign.Left, font, paint);
            shapes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bitmap.Bytes)));
        }
        return shapes.Count;
    }

    [Fact]
    public void Pick_FailsNamingThePackage_WhenNoCjkFontIsInstalled()
    {
        var e = Assert.Throws<CjkFontMissingException>(() => ChartFonts.Pick(["No Such Font", "DejaVu Sans"]));
        Assert.Contains("fonts-wqy-microhei", e.Message);
        Assert.Contains("fonts-noto-cjk", e.Message);
    }

    [Fact]
    public void Svg_CarriesTheValuesAsText()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var rows = new IndicatorService().Compute(db.Connection, new IndicatorQuery(2024, 10, "district"));
        var svg = System.Text.Encoding.UTF8.GetString(ChartRenderer.Coverage(rows, "各区", ChartFormat.Svg).Bytes);
        Assert.StartsWith("<?xml", svg);
        foreach (var r in rows) Assert.Matches($@">\s*{r.Registered:N0}\s*<", svg);
    }
}
