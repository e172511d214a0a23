using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;
using VolunteerStats.Metrics.Stars;

namespace VolunteerStats.Metrics.Demographics;

/// <summary>
/// Who the volunteers are, per region (the panels offices put on their screens): the persons of CONTRACT §5's P by age
/// band, gender, political status, organization and service category, each registered and active. P, the home region
/// and "active" are the indicators' own (the same stored registrations and records, the same rules), so every panel of
/// a region sums to that region's <c>registered</c> and <c>active</c> in <c>./volstats indicators</c>. A person's
/// attributes are those of the registration that makes them a person of their home region (the earliest). No ID number,
/// name or birth date leaves the query: only counts.
/// </summary>
public sealed class DemographicsService(IndicatorService indicators)
{
    public const string Age = "age", Gender = "gender", Political = "political", Organization = "organization", Category = "category";

    /// <summary>The panels, in the order they are shown.</summary>
    public static readonly string[] Dimensions = [Age, Gender, Political, Organization, Category];

    /// <summary>Age bands at the as-of date, youngest first: under 18, 18–35 (youth), 36–45, 46–59, 60 and over.</summary>
    public static readonly string[] AgeBands = ["0-17", "18-35", "36-45", "46-59", "60+"];

    /// <summary>Service category of a person without hours in the window.</summary>
    public const string NoService = "\u0001none";

    /// <summary>The organizations or categories beyond the largest ones, added up.</summary>
    public const string Others = "\u0001others";

    private static readonly System.Reflection.Assembly Sql = typeof(DemographicsService).Assembly;

    /// <summary>The panels of one region (code or name, as <c>--parent</c> takes them) at the end of (year, through; through defaults as for <c>indicators</c>).</summary>
    public DemographicsResult Compute(DuckDBConnection connection, int year, int? through, string region, int? top = null)
    {
        var code = RegionResolver.Resolve(IndicatorService.ListRegions(connection), region, "region");
        return Table(connection, year, through).For(code, top);
    }

    /// <summary>Every home region's counts at the end of (year, through), to answer any region from.</summary>
    public DemographicsTable Table(DuckDBConnection connection, int year, int? through)
    {
        var month = through ?? indicators.DefaultThrough(connection, year);
        if (month is < 1 or > 12) throw new ArgumentException($"--through month must be 1..12; got {month}.");
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var rows = connection.Query(SqlScripts.Load(Sql, "Demographics/Demographics.sql"), ("y0", new DateOnly(year, 1, 1)), ("d", d))
            .Select(r => new DemographicsTable.Row(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4)))
            .ToList();
        return new DemographicsTable(year, month, RegionTree.Load(connection), rows);
    }
}
