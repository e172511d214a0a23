using System.Net;
using System.Text;
using VolunteerStats.Reports.Formatting;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// The briefing as one self-contained, printable HTML page: styles inline, charts as data: URIs, nothing loaded
/// from another host or file. Rows of the sub-regions table carry <c>data-region</c>, and their numbers
/// <c>data-field</c> / <c>data-value</c> exactly as <c>indicators --format csv</c> prints them.
/// </summary>
public static class HtmlRenderer
{
    private const string Css = """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        html { background: #f3f3f3; }
        body { margin: 0; font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif;
               font-size: 16pt; line-height: 28.95pt; color: #000; }
        .page { background: #fff; width: 156mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
        .masthead { color: #e00; text-align: center; font-family: "方正小标宋简体", "小标宋", "Noto Serif CJK SC", "Noto Serif SC", serif; font-weight: bold;
                    letter-spacing: .05em; line-height: 1.25; margin: 0 0 6pt; }
        .issue { text-align: center; margin: 0; }
        .office { display: flex; justify-content: space-between; border-bottom: 2px solid #e00; padding-bottom: 4pt; margin: 0; }
        h1 { font-family: "方正小标宋简体", "小标宋", "Noto Serif CJK SC", "Noto Serif SC", serif; font-size: 22pt; line-height: 1.5; text-align: center; margin: 28.95pt 0; }
        h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif; font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; }
        h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, "AR PL UKai CN", serif; font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; }
        p { margin: 0; text-indent: 2em; text-align: justify; }
        .caption { text-indent: 0; text-align: center; font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 14pt; margin-top: 8pt; }
        .figcaption { text-indent: 0; text-align: center; font-family: "楷体_GB2312", "楷体", KaiTi, "AR PL UKai CN", serif; font-size: 14pt; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; line-height: 1.5; margin: 4pt 0; }
        th, td { border: 1px solid #000; padding: 1pt 3pt; }
        th { background: #ededed; font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; }
        td.num { text-align: right; white-space: nowrap; }
        .met { color: #2b6cb0; } .notmet { color: #c05621; }
        .note { text-indent: 0; font-size: 10.5pt; line-height: 1.6; }
        figure { margin: 8pt 0 0; text-align: center; page-break-inside: avoid; }
        figure img { max-width: 100%; }
        .record { margin-top: 28.95pt; font-size: 14pt; line-height: 2; border-top: 2px solid #000; border-bottom: 2px solid #000; }
        .record div { padding: 0 1em; border-bottom: 1px solid #000; }
        .record div:last-child { border-bottom: none; display: flex; justify-content: space-between; }
        @media print { html { background: none; } .page { box-shadow: none; margin: 0; padding: 0; width: auto; } }
        """;

    public static string Render(BriefingDocument doc)
    {
        var c = doc.Content;
        var sb = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append($"<title>{E(doc.Title)}（第{c.Issue}期）</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n<div class=\"page\">\n");
        var mastheadPt = Math.Min(36, 440.0 / Math.Max(c.Office.Masthead.Length, 1));
        sb.Append($"<div class=\"masthead\" style=\"font-size:{mastheadPt:0.#}pt\">{E(c.Office.Masthead)}</div>\n");
        sb.Append($"<p class=\"issue\">第{c.Issue}期</p>\n");
        sb.Append($"<p class=\"office\"><span>{E(c.Office.Office)}</span><span>{E(ChineseFormat.Date(c.IssuedOn))}</span></p>\n");
        sb.Append($"<h1>{E(doc.Title)}</h1>\n");
        foreach (var block in doc.Body)
        {
            switch (block)
            {
                case Heading h:
                    sb.Append(h.Level == 1 ? $"<h2>{E(h.Text)}</h2>\n" : $"<h3>{E(h.Text)}</h3>\n");
                    break;
                case Para p:
                    sb.Append($"<p>{E(p.Text)}</p>\n");
                    break;
                case TableBlock t:
                    sb.Append($"<p class=\"caption\">{E(t.Caption)}</p>\n<table>\n<colgroup>");
                    foreach (var w in t.Widths) sb.Append($"<col style=\"width:{100.0 * w / t.Widths.Sum():0.##}%\">");
                    sb.Append("</colgroup>\n<thead><tr>");
                    foreach (var h in t.Header) sb.Append($"<th>{E(h)}</th>");
                    sb.Append("</tr></thead>\n<tbody>\n");
                    for (var i = 0; i < t.Rows.Count; i++)
                    {
                        var row = t.Rows[i];
                        var region = t.Regions is { } regions && i < regions.Count ? regions[i] : null;
                        var csv = region is null ? null : Metrics.Indicators.IndicatorFormats.CsvFields(region);
                        sb.Append(region is null ? "<tr>" : $"<tr data-region=\"{E(region.RegionCode)}\">");
                        for (var j = 0; j < row.Count; j++)
                        {
                            var cell = row[j];
                            var field = csv is not null && j < Fields.Length ? Fields[j] : null;
                            var value = csv is not null && field is not null ? csv[Array.IndexOf(Metrics.Indicators.IndicatorFormats.Columns, field)] : null;
                            var attrs = field is null ? "" : $" data-field=\"{field}\" data-value=\"{E(value ?? "")}\"";
                            var mark = cell.HasMark && cell.Met is { } met
                                ? $" <span class=\"{(met ? "met" : "notmet")}\">{(met ? BriefingDocument.MetMark : BriefingDocument.NotMetMark)}</span>" : "";
                            sb.Append($"<td{attrs}{(cell.Right ? " class=\"num\"" : "")}>{E(cell.Text)}{mark}</td>");
                        }
                        sb.Append("</tr>\n");
                    }
                    sb.Append("</tbody>\n</table>\n");
                    if (t.Note is { } note) sb.Append($"<p class=\"note\">{E(note)}</p>\n");
                    break;
                case Figure f:
                    sb.Append($"<figure><img alt=\"{E(f.Caption)}\" width=\"{f.WidthPx}\" height=\"{f.HeightPx}\" src=\"data:image/png;base64,{Convert.ToBase64String(f.Png)}\">");
                    sb.Append($"<figcaption class=\"figcaption\">{E(f.Caption)}</figcaption></figure>\n");
                    break;
            }
        }
        sb.Append("<div class=\"record\">\n");
        sb.Append($"<div>报：{E(c.Office.ReportTo)}</div>\n<div>送：{E(c.Office.SendTo)}</div>\n<div>发：{E(c.Office.IssueTo)}</div>\n");
        sb.Append($"<div><span>{E(c.Office.Office)}</span><span>{E(ChineseFormat.Date(c.IssuedOn))}印发</span></div>\n</div>\n");
        sb.Append("</div>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The §6 column each column of the sub-regions table shows.</summary>
    private static readonly string?[] Fields = ["rank", "region_name", "registered", "registration_rate", "active", "active_rate", "total_hours", "avg_hours", "score"];
}
