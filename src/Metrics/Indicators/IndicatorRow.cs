using System.Numerics;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>The counts behind one region's indicators at one month end.</summary>
public sealed record RegionCounts(string RegionCode, long Registered, long Active, BigInteger TotalUnits);

/// <summary>
/// One region's indicators for year Y through month M (CONTRACT §5). Values are exact fractions; a null
/// means unknown (no population, or nobody registered).
/// </summary>
public sealed record IndicatorRow(
    string RegionCode,
    string RegionName,
    string Level,
    string? ParentCode,
    long? Population,
    long Registered,
    long Active,
    Fraction TotalHours,
    Fraction? RegistrationRate,
    Fraction? ActiveRate,
    Fraction? AvgHours,
    Fraction HoursTarget,
    bool? RegistrationMet,
    bool? ActiveMet,
    bool? HoursMet,
    Fraction Score,
    int Rank,
    long? VolunteersNeeded,
    long ActiveNeeded,
    Fraction HoursNeeded);

/// <summary>Which regions and which month end: the arguments of <c>indicators</c>.</summary>
public sealed record IndicatorQuery(int Year, int? Through = null, string Level = "district", string? Parent = null);
