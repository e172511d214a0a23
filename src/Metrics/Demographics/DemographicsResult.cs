namespace VolunteerStats.Metrics.Demographics;

/// <summary>
/// One value of a dimension: its persons of P (<see cref="Registered"/>) and how many of them are active. A missing
/// value has <see cref="Value"/> null (未填写); service category's persons without hours have <see cref="DemographicsService.NoService"/>.
/// </summary>
public sealed record DemographicSlice(string? Value, long Registered, long Active);

/// <summary>One panel: every person of the region in exactly one slice, so the slices sum to the region's registered and active.</summary>
public sealed record DemographicPanel(string Dimension, IReadOnlyList<DemographicSlice> Slices)
{
    public long Registered => Slices.Sum(s => s.Registered);
    public long Active => Slices.Sum(s => s.Active);
}

/// <summary>Who the volunteers of one region are at the end of (year, through): the five panels of <see cref="DemographicsService.Dimensions"/>.</summary>
public sealed record DemographicsResult(string RegionCode, string RegionName, int Year, int Through, IReadOnlyList<DemographicPanel> Panels)
{
    /// <summary>The region's registered (every panel sums to it).</summary>
    public long Registered => Panels.Count == 0 ? 0 : Panels[0].Registered;

    /// <summary>The region's active (every panel sums to it).</summary>
    public long Active => Panels.Count == 0 ? 0 : Panels[0].Active;

    public DemographicPanel Panel(string dimension) => Panels.First(p => p.Dimension == dimension);
}
