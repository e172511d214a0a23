using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using VolunteerStats.Reports.Formatting;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// The briefing as a 公文 of GB/T 9704-2012: A4 (11906 × 16838 twips), margins 37/35/28/26 mm (top 2098, bottom
/// 1984, left 1587, right 1474), 22 lines a page (docGrid linePitch 579), body 仿宋 3号 (sz 32) indented two
/// characters, title 2号 (sz 44) 小标宋, headings 黑体 / 楷体, the red 报头, page numbers "— n —" (odd pages right,
/// even pages left) and the 版记. Every run names its font for ASCII, other Latin and East Asian text alike.
/// </summary>
public static class DocxRenderer
{
    public const int PageWidth = 11906, PageHeight = 16838, MarginTop = 2098, MarginBottom = 1984, MarginLeft = 1587, MarginRight = 1474;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight; // 8845
    public const int LinePitch = 579;

    /// <summary>Font names as a Chinese office's Word knows them; fonts.conf maps them to installed fonts for the PDF.</summary>
    public const string FangSong = "仿宋_GB2312", XiaoBiaoSong = "方正小标宋简体", HeiTi = "黑体", KaiTi = "楷体_GB2312", SongTi = "宋体", Symbols = "Segoe UI Symbol";

    public const int Size3 = 32, Size2 = 44, Size4 = 28, SizeTable = 21;
    private const string Red = "FF0000";

    public static byte[] Render(BriefingDocument doc)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body());
            var body = main.Document.Body!;
            AddStyles(main);
            AddSettings(main);
            var c = doc.Content;

            // 版头: the red masthead, 第 N 期, office and date over a red line.
            var mastheadSize = Math.Min(72, (int)(2 * 440.0 / Math.Max(c.Office.Masthead.Length, 1)));
            body.Append(P(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "120", Line = (mastheadSize * 14).ToString(), LineRule = LineSpacingRuleValues.Exact }, new Justification { Val = JustificationValues.Center }),
                R(c.Office.Masthead, XiaoBiaoSong, mastheadSize, bold: true, color: Red)));
            body.Append(P(new ParagraphProperties(Exact(), new Justification { Val = JustificationValues.Center }), R($"第{c.Issue}期", FangSong, Size3)));
            body.Append(P(new ParagraphProperties(
                    new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12, Space = 4, Color = Red }),
                    new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth }), Exact()),
                R(c.Office.Office, FangSong, Size3), new Run(new TabChar()), R(ChineseFormat.Date(c.IssuedOn), FangSong, Size3)));

            // Title: 2号 小标宋, centred, a blank line above.
            body.Append(P(new ParagraphProperties(new SpacingBetweenLines { Before = LinePitch.ToString(), After = LinePitch.ToString(), Line = "700", LineRule = LineSpacingRuleValues.Exact }, new Justification { Val = JustificationValues.Center }),
                R(doc.Title, XiaoBiaoSong, Size2, bold: true)));

            uint drawing = 0;
            foreach (var block in doc.Body)
            {
                switch (block)
                {
                    case Heading h:
                        body.Append(P(BodyProps(), R(h.Text, h.Level == 1 ? HeiTi : KaiTi, Size3)));
                        break;
                    case Para p:
                        body.Append(P(BodyProps(), R(p.Text, FangSong, Size3)));
                        break;
                    case TableBlock t:
                        body.Append(P(new ParagraphProperties(new KeepNext(), Exact(), new Justification { Val = JustificationValues.Center }), R(t.Caption, HeiTi, Size4)));
                        body.Append(Table(t));
                        if (t.Note is { } note)
                            body.Append(P(new ParagraphProperties(new SpacingBetweenLines { Before = "60", Line = "360", LineRule = LineSpacingRuleValues.Exact }),
                                Runs(note, FangSong, SizeTable).ToArray()));
                        break;
                    case Figure f:
                        body.Append(Image(main, f, ++drawing));
                        body.Append(P(new ParagraphProperties(Exact(), new Justification { Val = JustificationValues.Center }), R(f.Caption, KaiTi, Size4)));
                        break;
                }
            }

            // 版记: thick line, 报/送/发, thin line, office and date of printing, thick line.
            body.Append(P(new ParagraphProperties(Exact()), R("", FangSong, Size4)));
            var reportLines = new[] { ("报：", c.Office.ReportTo), ("送：", c.Office.SendTo), ("发：", c.Office.IssueTo) };
            for (var i = 0; i < reportLines.Length; i++)
            {
                var borders = new ParagraphBorders();
                if (i == 0) borders.Append(new TopBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" });
                borders.Append(new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 1, Color = "000000" });
                body.Append(P(new ParagraphProperties(new KeepNext(), borders, new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact },
                        new Indentation { Left = "280", Right = "280" }),
                    R(reportLines[i].Item1 + reportLines[i].Item2, FangSong, Size4)));
            }
            body.Append(P(new ParagraphProperties(
                    new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" }),
                    new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth - 280 }),
                    new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact }, new Indentation { Left = "280", Right = "280" }),
                R(c.Office.Office, FangSong, Size4), new Run(new TabChar()), R(ChineseFormat.Date(c.IssuedOn) + "印发", FangSong, Size4)));

            // Page numbers: 4号 "— n —", odd pages on the right, even pages on the left, one character in from the edge.
            var odd = Footer(main, JustificationValues.Right, new Indentation { Right = "280" });
            var even = Footer(main, JustificationValues.Left, new Indentation { Left = "280" });
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = odd },
                new FooterReference { Type = HeaderFooterValues.Even, Id = even },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 1247, Gutter = 0 },
                new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static SpacingBetweenLines Exact() => new() { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact };

    private static ParagraphProperties BodyProps() => new(
        Exact(), new Indentation { FirstLineChars = 200, FirstLine = "640" }, new Justification { Val = JustificationValues.Both });

    private static Paragraph P(ParagraphProperties props, params OpenXmlElement[] runs)
    {
        var p = new Paragraph(props);
        p.Append(runs);
        return p;
    }

    /// <summary>A run with its font named for every script (w:ascii, w:hAnsi, w:eastAsia, w:cs) and zh-CN as its East Asian language.</summary>
    public static Run R(string text, string font, int size, bool bold = false, string? color = null)
    {
        var props = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia });
        if (bold) { props.Append(new Bold()); props.Append(new BoldComplexScript()); }
        if (color is not null) props.Append(new Color { Val = color });
        props.Append(new FontSize { Val = size.ToString() });
        props.Append(new FontSizeComplexScript { Val = size.ToString() });
        props.Append(new Languages { Val = "en-US", EastAsia = "zh-CN" });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>Text with ✓/✗ in a symbol font (CJK fonts have ✓ but not ✗), everything else in <paramref name="font"/>.</summary>
    private static IEnumerable<Run> Runs(string text, string font, int size)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('✓' or '✗')) continue;
            if (i > start) yield return R(text[start..i], font, size);
            if (i < text.Length) yield return R(text[i].ToString(), Symbols, size, color: text[i] == '✓' ? "2B6CB0" : "C05621");
            start = i + 1;
        }
    }

    private static Table Table(TableBlock t)
    {
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }, new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }, new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
        };
        var table = new Table(new TableProperties(
            new TableWidth { Width = t.Widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(border()),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 50, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 50, Type = TableWidthValues.Dxa }),
            new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = true, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true }));
        table.Append(new TableGrid(t.Widths.Select(w => new GridColumn { Width = w.ToString() })));
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var i = 0; i < t.Header.Count; i++) header.Append(Cell(t.Widths[i], [R(t.Header[i], HeiTi, SizeTable)], JustificationValues.Center, shade: true));
        table.Append(header);
        foreach (var row in t.Rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i];
                var runs = new List<Run> { R(cell.Text, FangSong, SizeTable) };
                if (cell.HasMark)
                    runs.Add(R(cell.Met switch { true => BriefingDocument.MetMark, false => BriefingDocument.NotMetMark, null => "" } is var m && m.Length > 0 ? " " + m : "",
                        Symbols, SizeTable, color: cell.Met == true ? "2B6CB0" : "C05621"));
                tr.Append(Cell(t.Widths[i], runs, cell.Right ? JustificationValues.Right : JustificationValues.Left));
            }
            table.Append(tr);
        }
        return table;
    }

    private static TableCell Cell(int width, IEnumerable<Run> runs, JustificationValues align, bool shade = false)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (shade) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "EDEDED" });
        props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var p = new Paragraph(new ParagraphProperties(new SnapToGrid { Val = false }, new SpacingBetweenLines { Before = "0", After = "0", Line = "360", LineRule = LineSpacingRuleValues.Exact },
            new Justification { Val = align }));
        p.Append(runs);
        return new TableCell(props, p);
    }

    private static Paragraph Image(MainDocumentPart main, Figure f, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var s = new MemoryStream(f.Png)) part.FeedData(s);
        var rel = main.GetIdOfPart(part);
        const long maxWidth = TextWidth * 635L; // twips → EMU
        var cx = Math.Min(maxWidth, f.WidthPx * 9525L);
        var cy = cx * f.HeightPx / f.WidthPx;
        const long maxHeight = (PageHeight - MarginTop - MarginBottom - 3 * LinePitch) * 635L;
        if (cy > maxHeight) { cx = cx * maxHeight / cy; cy = maxHeight; }
        var name = $"图{id}";
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = name, Description = f.Caption },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name + ".png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = rel }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        return new Paragraph(new ParagraphProperties(new KeepNext(), new SnapToGrid { Val = false }, new SpacingBetweenLines { Before = "120", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = JustificationValues.Center }), new Run(new Drawing(inline)));
    }

    private static string Footer(MainDocumentPart main, JustificationValues align, Indentation indent)
    {
        var part = main.AddNewPart<FooterPart>();
        part.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new SnapToGrid { Val = false }, new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }, indent, new Justification { Val = align }),
            R("— ", SongTi, Size4),
            Field(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new RunProperties(new RunFonts { Ascii = SongTi, HighAnsi = SongTi, EastAsia = SongTi, ComplexScript = SongTi }, new FontSize { Val = Size4.ToString() }),
                new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Field(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            R("1", SongTi, Size4),
            Field(new FieldChar { FieldCharType = FieldCharValues.End }),
            R(" —", SongTi, Size4)));
        part.Footer.Save();
        return main.GetIdOfPart(part);
    }

    private static Run Field(FieldChar c) => new(new RunProperties(new RunFonts { Ascii = SongTi, HighAnsi = SongTi, EastAsia = SongTi, ComplexScript = SongTi }, new FontSize { Val = Size4.ToString() }), c);

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = FangSong, HighAnsi = FangSong, EastAsia = FangSong, ComplexScript = FangSong },
                    new Kern { Val = 2 }, new FontSize { Val = Size3.ToString() }, new FontSizeComplexScript { Val = Size3.ToString() },
                    new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new Justification { Val = JustificationValues.Both }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        part.Styles.Save();
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var part = main.AddNewPart<DocumentSettingsPart>();
        part.Settings = new Settings(
            new DefaultTabStop { Val = 420 },
            new EvenAndOddHeaders(),
            new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
            new Compatibility(new CompatibilitySetting { Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));
        part.Settings.Save();
    }
}
