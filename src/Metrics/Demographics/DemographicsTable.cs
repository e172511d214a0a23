using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Metrics.Demographics;

/// <summary>
/// The counts of every home region at the end of (year, through), read once; <see cref="For"/> adds up the home
/// regions at or below a region as the indicators do (parent from the regions file, else from the code). Pages cache
/// one table per month and data version and answer every region from it.
/// </summary>
public sealed class DemographicsTable(int year, int through, RegionTree regions, IReadOnlyList<DemographicsTable.Row> rows)
{
    public sealed record Row(string HomeRegion, string Dimension, string Value, long Registered, long Active);

    public int Year => year;
    public int Through => through;

    /// <summary>
    /// The panels of <paramref name="region"/>: slices ordered as people read them (age bands in age order, gender and
    /// political status by size, 未填写 last); <paramref name="top"/> keeps the largest organizations and categories and adds
    /// up the rest as <see cref="DemographicsService.Others"/>.
    /// </summary>
    public DemographicsResult For(string region, int? top = null)
    {
        var sums = DemographicsService.Dimensions.ToDictionary(d => d, _ => new Dictionary<string, (long Registered, long Active)>(StringComparer.Ordinal));
        var inside = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!inside.TryGetValue(r.HomeRegion, out var under)) inside[r.HomeRegion] = under = regions.IsUnder(r.HomeRegion, region);
            if (!under || !sums.TryGetValue(r.Dimension, out var bucket)) continue;
            var (reg, act) = bucket.GetValueOrDefault(r.Value);
            bucket[r.Value] = (reg + r.Registered, act + r.Active);
        }
        var panels = DemographicsService.Dimensions.Select(d => new DemographicPanel(d, Order(d, sums[d], top))).ToList();
        return new DemographicsResult(region, regions.Name(region), year, through, panels);
    }

    private static List<DemographicSlice> Order(string dimension, Dictionary<string, (long Registered, long Active)> values, int? top)
    {
        var slices = values.Select(v => new DemographicSlice(v.Key.Length == 0 ? null : v.Key, v.Value.Registered, v.Value.Active));
        IEnumerable<DemographicSlice> ordered = dimension == DemographicsService.Age
            ? slices.OrderBy(s => s.Value is null ? int.MaxValue : Array.IndexOf(DemographicsService.AgeBands, s.Value))
            : slices.OrderBy(s => s.Value is null || s.Value == DemographicsService.NoService ? 1 : 0)
                .ThenByDescending(s => dimension == DemographicsService.Category ? s.Active : s.Registered)
                .ThenByDescending(s => s.Registered)
                .ThenBy(s => s.Value, StringComparer.Ordinal);
        var list = ordered.ToList();
        if (top is not { } n || dimension is not (DemographicsService.Organization or DemographicsService.Category)) return list;
        var named = list.Where(s => s.Value is not null && s.Value != DemographicsService.NoService).ToList();
        if (named.Count <= n + 1) return list;
        var rest = named.Skip(n).ToList();
        return [.. named.Take(n), new DemographicSlice(DemographicsService.Others, rest.Sum(s => s.Registered), rest.Sum(s => s.Active)),
            .. list.Where(s => s.Value is null || s.Value == DemographicsService.NoService)];
    }
}
