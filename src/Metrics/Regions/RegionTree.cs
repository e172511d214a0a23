using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Metrics.Regions;

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
