namespace VolunteerStats.Metrics.Forecasts;

/// <summary>An expected December value with its central 80 % interval.</summary>
public sealed record ForecastValue(double Expected, double Low, double High);

/// <summary>
/// One region's December forecast (CONTRACT §10): expected registered, active and total hours with 80 % intervals,
/// whether each target (M = 12) is more likely met than not, and the method; plus what the table and JSON show
/// (the values now and the monthly pace still needed).
/// </summary>
public sealed record ForecastRow(
    string RegionCode,
    string RegionName,
    string Level,
    long? Population,
    ForecastValue Registered,
    ForecastValue Active,
    ForecastValue TotalHours,
    bool? RegistrationMet,
    bool? ActiveMet,
    bool? HoursMet,
    string Method,
    long RegisteredNow,
    long ActiveNow,
    double TotalHoursNow,
    int Through,
    double? VolunteersNeededPerMonth,
    double? ActiveNeededPerMonth,
    double? HoursNeededPerMonth);

/// <summary>The arguments of <c>forecast</c>: the regions as <c>indicators</c> lists them, and the last month of data used.</summary>
public sealed record ForecastQuery(int Year, int Through, string Level = "district", string? Parent = null);
