using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Metrics.Regions;

/// <summary>
/// Turns what a user typed for a region (<c>--parent</c>, <c>--region</c>, <c>parent=</c>) into a region code, the
/// same way for the command line, the API and the pages (CONTRACT §6: an unknown code or name is an error that
/// names it). A code is known when the regions file names it or names a region below it; a name is any region's
/// name in the regions file (<c>上城区</c>), or the unique one it begins (<c>上城</c>); a name several regions share
/// is an error that lists them with their parents, so the user can pick the code.
/// </summary>
public static class RegionResolver
{
    /// <param name="argument">How the caller spells the argument in messages: <c>--parent</c>, <c>parent</c>.</param>
    /// <exception cref="IndicatorQueryException">The region is unknown or the name ambiguous; the message names it.</exception>
    public static string Resolve(DuckDBConnection connection, string text, string argument = "region") =>
        Resolve(IndicatorService.ListRegions(connection), text, argument);

    public static string Resolve(IReadOnlyList<IndicatorService.Region> regions, string text, string argument = "region")
    {
        var typed = text.Trim();
        if (regions.Count == 0)
            throw new IndicatorQueryException($"{argument} {typed}: no regions file has been loaded, so no region is known. Load one first (./volstats ingest regions.csv).");
        if (RegionCodes.TryNormalize(typed, out var code))
        {
            if (regions.Any(r => r.Code == code || r.Parent == code)) return code;
            throw new IndicatorQueryException(
                $"{argument} {typed}: no region with code {code} in the regions file{Nearby(regions, code)}. " +
                "Check the code, or load a regions file that names it.");
        }
        if (typed.All(char.IsAsciiDigit) && typed.Length > 0)
            throw new IndicatorQueryException($"{argument} {typed}: a region code has 6, 9 or 12 digits; or give the region's name.");

        var byName = regions.Where(r => r.Name == typed).ToList();
        if (byName.Count == 0 && typed.Length >= 2)
            byName = regions.Where(r => r.Name.StartsWith(typed, StringComparison.Ordinal)).ToList();
        if (byName.Count == 1) return byName[0].Code;
        if (byName.Count == 0)
            throw new IndicatorQueryException($"{argument} {typed}: no region of that name or code in the regions file.");
        var names = regions.ToDictionary(r => r.Code, r => r.Name);
        var candidates = byName.Take(10).Select(r =>
            $"{r.Code} {r.Name}{(r.Parent is { } p ? $" ({names.GetValueOrDefault(p) ?? p})" : "")}");
        throw new IndicatorQueryException(
            $"{argument} {typed}: {byName.Count} regions match; give the code of the one you mean: {string.Join(", ", candidates)}{(byName.Count > 10 ? ", …" : "")}.");
    }

    /// <summary>A hint for a mistyped code: the regions of the same level under the same parent.</summary>
    private static string Nearby(IReadOnlyList<IndicatorService.Region> regions, string code)
    {
        var parent = RegionCodes.StructuralParent(code);
        var level = RegionCodes.Level(code);
        var siblings = regions.Where(r => r.Code != code && RegionCodes.Level(r.Code) == level && parent is not null && r.Parent == parent)
            .Take(8).Select(r => $"{r.Code} {r.Name}").ToList();
        return siblings.Count == 0 ? "" : $" (under the same parent there are: {string.Join(", ", siblings)})";
    }
}
