namespace VolunteerStats.Ingest;

/// <summary>
/// Where the offices are: every date of CONTRACT §3 is a local date in this time zone, and "today" (the future-date
/// rule, a sample city's files, a briefing's issue date, the server's crons and archive folders) is today there.
/// One setting for all of them, <c>Jobs:TimeZone</c> (its name is older than its other users); an unknown zone fails
/// at start.
/// </summary>
public sealed class LocalTimeOptions
{
    public const string Section = "Jobs";

    /// <summary>The contract's zone.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    /// <summary>IANA id of the offices' time zone. Defaults to <c>Asia/Shanghai</c>.</summary>
    public string TimeZone { get; set; } = DefaultZone;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Today's date in <see cref="Zone"/> by <paramref name="clock"/>.</summary>
    public DateOnly Today(TimeProvider clock) => TodayIn(Zone, clock);

    public static DateOnly TodayIn(TimeZoneInfo zone, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    public static bool IsKnownZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }
}
