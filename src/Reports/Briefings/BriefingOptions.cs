namespace VolunteerStats.Reports.Briefings;

/// <summary>The office that issues the monthly 简报 (configuration section <c>Briefing</c>).</summary>
public sealed class BriefingOptions
{
    public const string Section = "Briefing";

    /// <summary>The office's region code. Defaults to the lowest region that holds every stored registration.</summary>
    public string? Region { get; set; }

    /// <summary>The red masthead (报头). Defaults to "{region}志愿服务工作简报".</summary>
    public string? Masthead { get; set; }

    /// <summary>The issuing office under the masthead and in the 版记. Defaults to "{region}精神文明建设委员会办公室".</summary>
    public string? Office { get; set; }

    /// <summary>报: who the briefing is reported to. Defaults to the leaders of the region's Party committee and government.</summary>
    public string? ReportTo { get; set; }

    /// <summary>送: who it is sent to. Defaults to the member units of the civilization committee.</summary>
    public string? SendTo { get; set; }

    /// <summary>发: who it is issued to. Defaults to the civilization offices of the sub-regions.</summary>
    public string? IssueTo { get; set; }

    /// <summary>LibreOffice's executable for the PDF. Defaults to <c>soffice</c> on the PATH.</summary>
    public string Soffice { get; set; } = "soffice";

    /// <summary>How long one .docx → .pdf conversion may take before it is killed (and tried once more). Defaults to 2 minutes.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
