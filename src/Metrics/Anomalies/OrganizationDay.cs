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
    bool InWindow,
    double UsualGroup = 0)
{
    /// <summary>The identical-hours group against the organization's usual largest group of a day (its median over its other days).</summary>
    public double GroupRatio => (ModalCount + 1.0) / (UsualGroup + 1.0);

    /// <summary>Share serving on no other day among the records outside the identical-hours group (0 when there are none).</summary>
    public double OtherInactiveShare => Records > ModalCount ? Math.Max(0, (InactiveShare * Records - ModalInactiveShare * ModalCount) / (Records - ModalCount)) : 0;

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
