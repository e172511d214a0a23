namespace VolunteerStats.Metrics.Anomalies;

/// <summary>The features of one organization's records on one day (OrganizationDays.sql).</summary>
public sealed record OrganizationDay(
    string Organization,
    DateOnly Date,
    long Records,
    long Volunteers,
    double Hours,
    double InactiveShare,
    double RecentShare,
    long ModalUnits,
    long ModalCount,
    double ModalInactiveShare,
    double ModalRecentShare,
    double TrailingMedian,
    long PriorDays,
    long OtherGroupDays,
    bool InWindow)
{
    public double ModalHours => ModalUnits / (double)VolunteerStats.Ingest.Parsing.Hours.UnitsPerHour;

    /// <summary>Records of the day over the organization's median of the year before (1 when it has no history).</summary>
    public double VolumeRatio => (Records + 1.0) / (TrailingMedian + 1.0);

    public const int FeatureCount = 10;

    /// <summary>The vector the anomaly model sees: scale-free where it can be, so large and small organizations compare.</summary>
    public float[] Features() =>
    [
        (float)Math.Log(Records + 1.0),
        (float)Math.Log(Volunteers + 1.0),
        (float)Math.Log(Hours + 1.0),
        (float)(ModalCount / (double)Math.Max(Records, 1)),
        (float)ModalInactiveShare,
        (float)ModalRecentShare,
        (float)InactiveShare,
        (float)Math.Log(VolumeRatio),
        (float)Math.Log(OtherGroupDays + 1.0),
        Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1f : 0f,
    ];
}
