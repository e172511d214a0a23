namespace VolunteerStats.Ingest.Loading;

/// <summary>Reasons a row is rejected (CONTRACT §4), in the order in which they are tested.</summary>
public static class RejectReason
{
    public const string MalformedRow = "malformed_row";
    public const string MissingField = "missing_field";
    public const string BadRegion = "bad_region";
    public const string BadDate = "bad_date";
    public const string FutureDate = "future_date";
    public const string BadHours = "bad_hours";
    public const string BadNumber = "bad_number";

    public static IReadOnlyList<string> All { get; } = [MalformedRow, MissingField, BadRegion, BadDate, FutureDate, BadHours, BadNumber];
}
