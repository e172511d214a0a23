namespace VolunteerStats.Metrics.Anomalies;

/// <summary>
/// One flag of <c>anomalies</c> (CONTRACT §10): what kind, how suspicious (0–1, higher first), whose, when, how many
/// records and hours, in words what was seen against what is usual, and every record it concerns.
/// </summary>
public sealed record AnomalyFlag(
    string Kind,
    double Score,
    string? Organization,
    string? VolunteerId,
    DateOnly ServiceDate,
    long Records,
    double Hours,
    string Reason,
    IReadOnlyList<string> RecordIds);

/// <summary>The arguments of <c>anomalies</c>: records dated in year Y through month M, of persons at home in or under Region.</summary>
public sealed record AnomalyQuery(int Year, int? Through = null, string? Region = null);

/// <summary>The kinds of flag, and what makes an organization-day one.</summary>
public static class AnomalyKinds
{
    public const string Over24h = "over_24h";
    public const string BeforeRegistration = "before_registration";
    public const string BulkEntry = "bulk_entry";
    /// <summary>An organization-day far above its own usual volume, mostly for people who serve on no other day.</summary>
    public const string Burst = "burst";

    public static readonly string[] All = [Over24h, BeforeRegistration, BulkEntry, Burst];
}
