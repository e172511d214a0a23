using System.Numerics;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Metrics.Stars;

/// <summary>A volunteer's hours at D: cumulative (for stars) and this year's.</summary>
public sealed record VolunteerHours(string HomeRegion, string? MaskedName, string? Organization, Fraction Cumulative, Fraction ThisYear)
{
    /// <summary>《志愿服务记录办法》: 100, 300, 600, 1000, 1500 cumulative hours → one to five stars.</summary>
    public int Stars => StarService.StarsFor(Cumulative);
}

public sealed class StarService
{
    private static readonly int[] Thresholds = [100, 300, 600, 1000, 1500];

    public static int StarsFor(Fraction hours) => Thresholds.Count(t => hours.CompareTo(new Fraction(t, 1)) >= 0);

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

/// <summary>The region hierarchy: parent from the regions file, else from the code's structure.</summary>
public sealed class RegionTree(IReadOnlyDictionary<string, string?> parents, IReadOnlyDictionary<string, string> names)
{
    public static RegionTree Load(DuckDBConnection connection)
    {
        var regions = IndicatorService.ListRegions(connection);
        return new RegionTree(regions.ToDictionary(r => r.Code, r => r.Parent), regions.ToDictionary(r => r.Code, r => r.Name));
    }

    public string? Parent(string code) => parents.TryGetValue(code, out var p) ? p : RegionCodes.StructuralParent(code);

    public string Name(string code) => names.GetValueOrDefault(code, code);

    public bool IsUnder(string code, string ancestor)
    {
        var depth = 0;
        for (string? c = code; c is not null && depth < 10; c = Parent(c), depth++)
            if (c == ancestor) return true;
        return false;
    }

    /// <summary>The ancestor of <paramref name="code"/> (or itself) at <paramref name="level"/>, or null.</summary>
    public string? AtLevel(string code, string level)
    {
        var depth = 0;
        for (string? c = code; c is not null && depth < 10; c = Parent(c), depth++)
            if (RegionCodes.Level(c) == level) return c;
        return null;
    }
}
