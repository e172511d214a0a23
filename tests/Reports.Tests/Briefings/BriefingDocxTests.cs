using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Reports.Briefings;
using VolunteerStats.Reports.Scope;
using VolunteerStats.Tests.Support;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace VolunteerStats.Tests.Reports.Briefings;

public class BriefingDocxTests
{
    internal static (BriefingContent Content, byte[] Docx) Write(TestDb db, int month = 10, string? region = null, ReportScope? scope = null)
    {
        var content = ReportsData.Service(db).Prepare(db.Connection, new BriefingRequest(2024, month, region), scope, canWrite: true);
        return (content, DocxRenderer.Render(BriefingComposer.Compose(content)));
    }

    internal static bool HasHan(string s) => s.EnumerateRunes().Any(r => r.Value is >= 0x3000 and <= 0x9FFF or >= 0xF900 and <= 0xFFEF or >= 0x20000);

    [Fact]
    public void Render_TableIsIndicatorsOfTheSubRegions_InRankOrderWithCsvNumbers()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var (content, bytes) = Write(db);
        Assert.Equal("330100", content.RegionCode); // lowest region holding every registration
        var expected = new IndicatorService().Compute(db.Connection, new IndicatorQuery(2024, 10, "district", "330100"));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var table = doc.MainDocumentPart!.Document.Body!.Elements<Table>().First();
        var rows = table.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var csv = IndicatorFormats.CsvFields(expected[i]);
            Assert.Equal(csv[16], rows[i][0]);               // rank
            Assert.Equal(expected[i].RegionName, rows[i][1]);
            Assert.Equal(csv[5], rows[i][2]);                // registered as printed by indicators
            Assert.Equal(csv[6], rows[i][4]);                // active
            Assert.Equal(csv[7], rows[i][6]);                // total_hours with its two decimals
            Assert.StartsWith((decimal.Parse(csv[8]!, CultureInfo.InvariantCulture) * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%", rows[i][3]);
            Assert.EndsWith(expected[i].RegistrationMet == true ? "✓" : "✗", rows[i][3]);
            Assert.Equal(csv[15], rows[i][8]);               // score
        }
    }

    [Fact]
    public void Render_SummarySentenceCarriesTheRegionsNumbers()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var (_, bytes) = Write(db);
        var service = new IndicatorService();
        var row = service.Compute(db.Connection, new IndicatorQuery(2024, 10, "city")).Single(r => r.RegionCode == "330100");
        var before = service.Compute(db.Connection, new IndicatorQuery(2024, 9, "city")).Single(r => r.RegionCode == "330100");
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var summary = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).First(t => t.StartsWith("截至10月底"));
        static long Int(string s) => long.Parse(s.Replace(",", ""), CultureInfo.InvariantCulture);
        Assert.Equal(row.Registered, Int(Regex.Match(summary, @"全市注册志愿者([\d,]+)人").Groups[1].Value));
        Assert.Equal(row.RegistrationRate!.Value.Format(3), (decimal.Parse(Regex.Match(summary, @"占常住人口([\d.]+)%").Groups[1].Value, CultureInfo.InvariantCulture) / 100).ToString("0.000", CultureInfo.InvariantCulture));
        Assert.Equal(row.Registered - before.Registered, Int(Regex.Match(summary, @"较上月增加([\d,]+)人").Groups[1].Value));
        Assert.Equal(row.Active, Int(Regex.Match(summary, @"活跃志愿者([\d,]+)人").Groups[1].Value));
        Assert.Equal((row.ActiveRate!.Value * new Fraction(100, 1)).Format(1), Regex.Match(summary, @"占注册志愿者的([\d.]+)%").Groups[1].Value);
        Assert.Equal(row.AvgHours!.Value.Format(1), Regex.Match(summary, @"人均([\d.]+)小时").Groups[1].Value);
        Assert.Equal(row.HoursTarget.Format(1), Regex.Match(summary, @"按月折算目标([\d.]+)小时").Groups[1].Value);
        Assert.Contains($"综合得分{row.Score.Format(2)}分", summary);
        var met = new[] { (row.RegistrationMet, "注册率"), (row.ActiveMet, "活跃率"), (row.HoursMet, "人均服务时长") };
        if (met.All(m => m.Item1 == true)) Assert.Contains("三项指标均已达标", summary);
        else if (met.All(m => m.Item1 != true)) Assert.Contains("三项指标均未达标", summary);
        else
        {
            Assert.Contains(string.Join("、", met.Where(m => m.Item1 == true).Select(m => m.Item2)) + "已达标", summary);
            Assert.Contains(string.Join("、", met.Where(m => m.Item1 != true).Select(m => m.Item2)) + "未达标", summary);
        }
    }

    [Fact]
    public void Render_QualityNoteCountsTheStoredSuspiciousHours_ByKind()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        string Note() => Text(Write(db).Docx).Single(t => t.StartsWith("本期数据"));
        Assert.DoesNotContain("筛查", Note()); // no check stored: nothing said, nothing scored by the briefing

        Metrics.Anomalies.AnomalyFlag Flag(string kind, int records) =>
            new(kind, 0.9, "某志愿者协会", null, new DateOnly(2024, 9, 1), records, records * 3.0, "…", Enumerable.Range(1, records).Select(i => $"R{i}").ToList());
        Metrics.Anomalies.AnomalyStore.Save(db.Connection, 2024, 10,
            [Flag("bulk_entry", 40), Flag("bulk_entry", 12), Flag("over_24h", 2)], new DateTime(2024, 11, 1), Metrics.Anomalies.AnomalyStore.DataVersion(db.Connection));
        var note = Note();
        Assert.Contains("经对1—10月服务记录筛查，疑似虚报、需复核的服务时长3处，涉及记录54条", note);
        Assert.Contains("单日累计超过24小时1处", note);
        Assert.Contains("同一组织同日批量录入相同时长2处", note);
        Assert.Contains("核实前仍计入上述指标", note); // flags never change the indicators
    }

    private static List<string> Text(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    [Fact]
    public void Render_IsLaidOutAsGbT9704_AndValid()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var (_, bytes) = Write(db);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc).Select(e => e.Description + " @ " + e.Path?.XPath).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var body = doc.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((2098, 1984, 1587u, 1474u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        Assert.Equal(579, section.GetFirstChild<DocGrid>()!.LinePitch!.Value);

        var paragraphs = body.Elements<Paragraph>().ToList();
        var title = paragraphs.First(p => p.InnerText.EndsWith("志愿服务指标通报"));
        Assert.All(title.Descendants<FontSize>(), s => Assert.Equal("44", s.Val!.Value));
        var bodyText = paragraphs.First(p => p.InnerText.StartsWith("截至10月底"));
        Assert.Equal("32", bodyText.Descendants<FontSize>().First().Val!.Value);
        Assert.Equal(200, bodyText.ParagraphProperties!.Indentation!.FirstLineChars!.Value);
        Assert.Equal("仿宋_GB2312", bodyText.Descendants<RunFonts>().First().EastAsia!.Value);
        Assert.Equal("黑体", paragraphs.First(p => p.InnerText == "一、总体情况").Descendants<RunFonts>().First().EastAsia!.Value);
        var masthead = paragraphs[0];
        Assert.Equal("FF0000", masthead.Descendants<Color>().First().Val!.Value);
        Assert.Matches(@"^第\d+期$", paragraphs[1].InnerText);

        // w:eastAsia on every run with Chinese text, in the body and the footers.
        var runs = body.Descendants<Run>().Concat(doc.MainDocumentPart.FooterParts.SelectMany(f => f.Footer.Descendants<Run>())).ToList();
        Assert.All(runs.Where(r => HasHan(r.InnerText)), r => Assert.False(string.IsNullOrEmpty(r.RunProperties?.RunFonts?.EastAsia?.Value), r.InnerText));
        // A paragraph in every table cell; unique drawing ids.
        Assert.All(body.Descendants<TableCell>(), c => Assert.NotEmpty(c.Elements<Paragraph>()));
        var ids = body.Descendants<DW.DocProperties>().Select(d => d.Id!.Value).ToList();
        Assert.True(ids.Count >= 2);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Page numbers "— n —" with a PAGE field, odd and even footers.
        Assert.Equal(2, doc.MainDocumentPart.FooterParts.Count());
        Assert.All(doc.MainDocumentPart.FooterParts, f => Assert.Matches("^— 1 —$", f.Footer.InnerText.Replace(" PAGE ", "")));
        Assert.NotNull(doc.MainDocumentPart.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>());
        // 版记: 报 / 送 / 发.
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("报："));
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("送："));
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("发："));
    }

    [Fact]
    public void Prepare_KeepsTheIssueNumberOfAMonth_AndGivesTheNextMonthTheNext()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var service = ReportsData.Service(db);
        var october = service.Prepare(db.Connection, new BriefingRequest(2024, 10), null, canWrite: true).Issue;
        var september = service.Prepare(db.Connection, new BriefingRequest(2024, 9), null, canWrite: true).Issue;
        Assert.Equal(october, service.Prepare(db.Connection, new BriefingRequest(2024, 10), null, canWrite: true).Issue);
        Assert.Equal(1, october);
        Assert.Equal(2, september);
        Assert.Equal(1, service.Prepare(db.Connection, new BriefingRequest(2024, 9, "330102"), null, canWrite: true).Issue);
    }

    [Fact]
    public void Prepare_Refuses_WhenRegionIsOutsideTheScope()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        var service = ReportsData.Service(db);
        Assert.Throws<ReportScopeException>(() => service.Prepare(db.Connection, new BriefingRequest(2024, 10, "330102"), new ReportScope("330105"), canWrite: true));
        var own = service.Prepare(db.Connection, new BriefingRequest(2024, 10), new ReportScope("330105"), canWrite: true);
        Assert.Equal("330105", own.RegionCode);
        Assert.All(own.SubRegions, r => Assert.StartsWith("330105", r.RegionCode));
    }
}
