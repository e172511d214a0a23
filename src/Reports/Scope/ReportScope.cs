using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Reports.Scope;

/// <summary>A request for a region outside the caller's scope (the dashboard answers 403).</summary>
public sealed class ReportScopeException(string message) : Exception(message);

/// <summary>An unknown region code or name (the command line says which; CONTRACT §6).</summary>
public sealed class UnknownRegionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The regions a caller may see: everything (<see cref="Region"/> null) or one region and the regions below it.
/// Every Reports entry point takes one, so a user limited to a district gets charts, briefings and workbooks of
/// that district and below only.
/// </summary>
public sealed record ReportScope(string? Region)
{
    public static readonly ReportScope Everything = new((string?)null);

    public bool Allows(RegionTree tree, string code) => Region is null || tree.IsUnder(code, Region);

    /// <summary>Throws <see cref="ReportScopeException"/> unless <paramref name="code"/> is the scope's region or below it.</summary>
    public void Require(RegionTree tree, string code)
    {
        if (!Allows(tree, code))
            throw new ReportScopeException($"Region {code} ({tree.Name(code)}) is outside the allowed region {Region} ({tree.Name(Region!)}).");
    }

    /// <summary>Keeps the rows of a listing this scope may see (the rows and their ranks stay as <c>indicators</c> computed them).</summary>
    public List<IndicatorRow> Filter(RegionTree tree, IEnumerable<IndicatorRow> rows) =>
        rows.Where(r => Allows(tree, r.RegionCode)).ToList();
}

/// <summary>Region look-ups shared by the charts, the briefing and the workbook.</summary>
public sealed class ReportRegions(RegionTree tree, IReadOnlyList<IndicatorService.Region> regions)
{
    public RegionTree Tree => tree;

    public static ReportRegions Load(DuckDBConnection connection) =>
        new(RegionTree.Load(connection), IndicatorService.ListRegions(connection));

    public bool Exists(string code) => regions.Any(r => r.Code == code);

    public string Name(string code) => tree.Name(code);

    /// <summary>
    /// A region the user typed, by code or name, resolved as every other verb and the API resolve it
    /// (<see cref="RegionResolver"/>); <paramref name="argument"/> is how messages name it (<c>--region</c>).
    /// </summary>
    /// <exception cref="UnknownRegionException">The region is unknown or the name ambiguous; the message names it.</exception>
    public string Resolve(string codeOrName, string argument = "region")
    {
        try
        {
            return RegionResolver.Resolve(regions, codeOrName, argument);
        }
        catch (IndicatorQueryException e)
        {
            throw new UnknownRegionException(e.Message, e);
        }
    }

    /// <summary>The level of the regions whose parent is <paramref name="code"/> (the most common one), or the next level down.</summary>
    public string ChildLevel(string code)
    {
        var levels = regions.Where(r => r.Parent == code).GroupBy(r => RegionCodes.Level(r.Code))
            .OrderByDescending(g => g.Count()).ThenBy(g => Array.IndexOf(IndicatorService.Levels, g.Key)).Select(g => g.Key).ToList();
        if (levels.Count > 0) return levels[0];
        var i = Array.IndexOf(IndicatorService.Levels, RegionCodes.Level(code));
        return IndicatorService.Levels[Math.Min(i + 1, IndicatorService.Levels.Length - 1)];
    }

    /// <summary>The lowest region of the regions file that holds every one of <paramref name="codes"/>.</summary>
    public string? LowestCommon(IEnumerable<string> codes)
    {
        List<string>? common = null;
        foreach (var code in codes)
        {
            var chain = Chain(code);
            common = common is null ? chain : common.Where(chain.Contains).ToList();
            if (common.Count == 0) break;
        }
        return common?.FirstOrDefault(Exists) ?? Top();
    }

    /// <summary>A region whose parent is not in the regions file (the top), preferring the one holding most regions.</summary>
    public string? Top() =>
        regions.Where(r => r.Parent is null || !Exists(r.Parent))
            .OrderByDescending(r => regions.Count(x => tree.IsUnder(x.Code, r.Code))).ThenBy(r => r.Code).Select(r => r.Code).FirstOrDefault();

    /// <summary>The code and its ancestors, lowest first.</summary>
    public List<string> Chain(string code)
    {
        var chain = new List<string>();
        for (string? c = code; c is not null && chain.Count < 10; c = tree.Parent(c)) chain.Add(c);
        return chain;
    }

    /// <summary>The region's own row for (year, month): the listing of its level and parent, as <c>indicators</c> computes it.</summary>
    public IndicatorRow Row(IndicatorService indicators, DuckDBConnection connection, int year, int month, string code) =>
        indicators.Compute(connection, new IndicatorQuery(year, month, RegionCodes.Level(code), tree.Parent(code)))
            .FirstOrDefault(r => r.RegionCode == code)
        ?? throw new UnknownRegionException($"Region {code} is not in the regions file.");

    /// <summary>The region month by month, January through <paramref name="through"/> (the same computation as <c>trend</c>).</summary>
    public List<(int Month, IndicatorRow Row)> Trend(IndicatorService indicators, DuckDBConnection connection, int year, int through, string code) =>
        Enumerable.Range(1, through).Select(m => (m, Row(indicators, connection, year, m, code))).ToList();
}
