namespace VolunteerStats.Reports.Charts;

/// <summary>The charts of CONTRACT §8.</summary>
public enum ChartKind
{
    /// <summary>The regions of a level side by side for each indicator, with its target line.</summary>
    Ranking,
    /// <summary>The three indicators of one region month by month, with the targets.</summary>
    Trend,
    /// <summary>Registered, active and 13 % of the population per sub-region.</summary>
    Coverage,
}

/// <summary>PNG for documents, SVG for the web.</summary>
public enum ChartFormat
{
    Png,
    Svg,
}

/// <summary>A chart drawn: its bytes, format and pixel size.</summary>
public sealed record ChartImage(byte[] Bytes, ChartFormat Format, int Width, int Height)
{
    public string ContentType => Format == ChartFormat.Png ? "image/png" : "image/svg+xml";
}
