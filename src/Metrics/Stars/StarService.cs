using System.Numerics;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Metrics.Stars;

/// <summary>A volunteer's hours at D: cumulative (for stars) and this year's.</summary>
public sealed record VolunteerHours(string HomeRegion, string? MaskedName, string? Organization, Fraction Cumulative, Fraction ThisYear)
{
    /// <summary>《志愿服务记录办法》: 100, 300, 600, 1000, 1500 cumulative hours → one to five stars.</summary>
    public int Stars => StarService.StarsFor(Cumulative);
}

public sealed class StarService
{
    private static readonly Fraction[] Thresholds = [new(100, 1), new(300, 1), new(600, 1), new(1000, 1), new(1500, 1)];

    public static int StarsFor(Fraction hours)
    {
        var n = 0;
        while (n < Thresholds.Length && hours.CompareTo(Thresholds[n]) >= 0) n++;
        return n;
    }

    /// <summary>Every volunteer in P at <paramref name="asOf"/> with any hours, optionally only those living in or under a region.</summary>
    public List<VolunteerHours> Volunteers(DuckDBConnection connection, DateOnly asOf, string? region = null)
    {
        var tree = region is null ? null : RegionTree.Load(connection);
        return connection.Query(SqlScripts.Load(typeof(StarService).Assembly, "Stars/Stars.sql"), ("d", asOf))
            .Select(r => new VolunteerHours(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                new Fraction(IndicatorService.ReadBig(r.GetValue(4)), Hours.UnitsPerHour),
                new Fraction(IndicatorService.ReadBig(r.GetValue(5)), Hours.UnitsPerHour)))
            .Where(v => tree is null || tree.IsUnder(v.HomeRegion, region!))
            .ToList();
    }
}
