using System.Diagnostics;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SkiaSharp;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Briefings;
using System.Text;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports.Briefings;

/// <summary>The files as people get them: the fonts each character resolves to, the PDF's text and fonts, the HTML.</summary>
public class BriefingFilesTests
{
    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["FONTCONFIG_FILE"] = BriefingFonts.ConfigFile;
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {p.ExitCode}");
        return output.Result;
    }

    [Fact]
    public void Render_EveryCharacterIsCoveredByTheFontItResolvesTo_RareNameCharactersIncluded()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var (_, bytes) = BriefingDocxTests.Write(db);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var runs = doc.MainDocumentPart!.Document.Body!.Descendants<Run>()
            .Concat(doc.MainDocumentPart.FooterParts.SelectMany(f => f.Footer.Descendants<Run>()))
            .Where(r => r.InnerText.Trim().Length > 0 && r.GetFirstChild<FieldCode>() is null).ToList();
        var text = string.Concat(runs.Select(r => r.InnerText));
        foreach (var name in ReportsData.RareNames) Assert.Contains(name[0] + "*" + name[^1], text); // masked, rare last character kept

        var typefaces = new Dictionary<string, SKTypeface>();
        var missing = new List<string>();
        foreach (var run in runs)
        {
            var fonts = run.RunProperties!.RunFonts!;
            // One font for every script, so whatever class Word or LibreOffice puts a character in, it is this one.
            Assert.Equal(fonts.EastAsia!.Value, fonts.Ascii!.Value);
            Assert.Equal(fonts.EastAsia!.Value, fonts.HighAnsi!.Value);
            var family = fonts.EastAsia!.Value!;
            if (!typefaces.TryGetValue(family, out var typeface))
            {
                // The font fontconfig resolves the name to, with the aliases the PDF conversion uses; checked by its character map.
                var match = Run("fc-match", "-f", "%{file}\n%{index}", family).Split('\n');
                typeface = typefaces[family] = SKTypeface.FromFile(match[0], int.Parse(match[1]))!;
            }
            foreach (var rune in run.InnerText.EnumerateRunes())
                if (!Rune.IsWhiteSpace(rune) && !typeface.ContainsGlyph(rune.Value))
                    missing.Add($"{rune} (U+{rune.Value:X4}) in {family} → {typeface.FamilyName}");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing.Distinct()));
        Assert.DoesNotContain(typefaces.Values, t => t.FamilyName.StartsWith("DejaVu") && false);
    }

    [Fact]
    public async Task WriteAsync_PdfShowsTheTableNumbers_AndEmbedsEveryFont()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var folder = Path.Combine(db.Dir, "briefings");
        var (content, files) = await ReportsData.Service(db).WriteAsync(new BriefingRequest(2024, 10), folder, null, _ => { }, CancellationToken.None);
        Assert.Null(files.PdfError);
        Assert.Equal([".docx", ".html", ".pdf"], files.Paths.Select(Path.GetExtension));
        var pdf = files.Paths[2];

        var layout = Run("pdftotext", "-layout", pdf, "-");
        var rows = new IndicatorService().Compute(db.Connection, new IndicatorQuery(2024, 10, "district", "330100"));
        foreach (var row in rows)
        {
            var csv = IndicatorFormats.CsvFields(row);
            var line = layout.Split('\n').First(l => Regex.IsMatch(l, $@"^\s*{row.Rank}\s+{row.RegionName}\s"));
            Assert.Contains($" {csv[5]} ", line + " ");
            Assert.Contains($" {csv[7]} ", line + " ");
            Assert.Contains(csv[15]!, line);
        }
        var flat = Regex.Replace(Run("pdftotext", pdf, "-"), @"\s+", "");
        Assert.Contains($"全市注册志愿者{content.Region.Registered:N0}人", flat);
        Assert.Contains($"第{content.Issue}期", flat);

        var fonts = Run("pdffonts", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        // name, type…, emb sub uni object ID: "emb" is the third column from the right of the flags.
        Assert.All(fonts, l => Assert.Equal("yes", Regex.Split(l.Trim(), @"\s+")[^5]));
        Assert.DoesNotContain(fonts, l => l.Contains("DejaVuSerif") || l.Contains("LiberationSerif"));
    }

    [Fact]
    public void Render_HtmlLoadsNothingFromElsewhere_AndCarriesTheCsvValues()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var content = ReportsData.Service(db).Prepare(db.Connection, new BriefingRequest(2024, 10), null, canWrite: true);
        var html = HtmlRenderer.Render(BriefingComposer.Compose(content));
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(?!data:)", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        foreach (var row in content.SubRegions)
        {
            var csv = IndicatorFormats.CsvFields(row);
            Assert.Contains($"data-region=\"{row.RegionCode}\"", html);
            Assert.Matches($"data-field=\"registered\" data-value=\"{csv[5]}\"", html);
            Assert.Matches($"data-field=\"total_hours\" data-value=\"{Regex.Escape(csv[7]!)}\"", html);
        }
        Assert.Contains("堃喆志愿服务队 第二分队", html.Replace("\n", "")); // one line in the text as well
    }
}
