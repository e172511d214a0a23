namespace VolunteerStats.Reports.Briefings;

/// <summary>One block of a briefing's body, rendered alike to .docx and .html.</summary>
public abstract record Block;

/// <summary>一、 (黑体) or （一） (楷体) heading.</summary>
public sealed record Heading(int Level, string Text) : Block;

/// <summary>A body paragraph (仿宋, first line indented two characters).</summary>
public sealed record Para(string Text) : Block;

/// <summary>A table cell: text, and for an indicator a met flag shown as ✓/✗.</summary>
public sealed record BriefingCell(string Text, bool? Met = null, bool HasMark = false, bool Right = true);

/// <summary>A table with its caption above (表N …); widths in twips, summing to the text width.</summary>
/// <param name="Regions">For the sub-regions table, the indicator row of each table row (the HTML marks its §6 values).</param>
public sealed record TableBlock(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<BriefingCell>> Rows, IReadOnlyList<int> Widths,
    string? Note = null, IReadOnlyList<Metrics.Indicators.IndicatorRow>? Regions = null) : Block;

/// <summary>A chart (PNG) with its caption below (图N …).</summary>
public sealed record Figure(string Caption, byte[] Png, int WidthPx, int HeightPx) : Block;

/// <summary>The briefing as blocks: masthead fields, title, body, and the 版记.</summary>
public sealed record BriefingDocument(BriefingContent Content, string Title, IReadOnlyList<Block> Body)
{
    public const string MetMark = "✓";
    public const string NotMetMark = "✗";
}
