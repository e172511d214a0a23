using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Stars;

namespace VolunteerStats.Reports.Briefings;

/// <summary>Which briefing: the region (null: configuration, else the default region), year and month.</summary>
public sealed record BriefingRequest(int Year, int Month, string? Region = null);

/// <summary>The office's words on the briefing (masthead, office, recipients), defaults filled in.</summary>
public sealed record BriefingOffice(string Masthead, string Office, string ReportTo, string SendTo, string IssueTo);

/// <summary>Star counts and leaders of one region at a month end (from <see cref="StarService"/>).</summary>
public sealed record StarSummary(int[] ByStars, IReadOnlyList<TopVolunteer> TopVolunteers, IReadOnlyList<(string Name, Fraction Hours, int Volunteers)> TopOrganizations)
{
    public int Total => ByStars.Sum();
}

/// <summary>One of the volunteers with most hours this year: masked name, organization on one line, home region's name.</summary>
public sealed record TopVolunteer(string MaskedName, string Organization, string RegionName, Fraction ThisYear, Fraction Cumulative, int Stars);

/// <summary>
/// The data-quality totals a briefing mentions (from <see cref="Metrics.Quality.QualityService"/>), and the stored
/// suspicious-hours check of the year (<see cref="Metrics.Anomalies.AnomalyStore"/>) when one was made.
/// </summary>
public sealed record QualityNote(
    long Rejects, long Unmatched, IReadOnlyList<string> RegionsWithoutPopulation, long CodesNotInRegions, bool FileLevelShown,
    Metrics.Anomalies.AnomalyCheck? SuspiciousHours = null);

/// <summary>
/// Everything a briefing says, gathered once from <see cref="IndicatorService"/>, <see cref="StarService"/> and the
/// quality report; the .docx and the .html are written from this alone.
/// </summary>
public sealed record BriefingContent(
    string RegionCode,
    string RegionName,
    string RegionLevel,
    int Year,
    int Month,
    int Issue,
    DateOnly IssuedOn,
    BriefingOffice Office,
    IndicatorRow Region,
    IndicatorRow? RegionLastMonth,
    string ChildLevel,
    IReadOnlyList<IndicatorRow> SubRegions,
    IReadOnlyList<IndicatorRow>? SubRegionsLastMonth,
    IReadOnlyList<(int Month, IndicatorRow Row)> Trend,
    StarSummary Stars,
    QualityNote Quality)
{
    /// <summary>Base name of the files: <c>简报_330100_2024-10</c>.</summary>
    public string FileStem => $"简报_{RegionCode}_{Year}-{Month:00}";
}
