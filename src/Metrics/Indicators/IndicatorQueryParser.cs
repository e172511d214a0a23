using System.Globalization;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>A query argument that cannot be read, or names a region that is not known; the message names the argument.</summary>
public sealed class IndicatorQueryException(string message) : Exception(message);

/// <summary>
/// Reads the arguments of an indicator listing (year, through, level, parent) the same way for every caller:
/// the command line (<c>--year</c>, …) and the API (<c>year=</c>, …). An empty argument is an absent one.
/// </summary>
public static class IndicatorQueryParser
{
    /// <param name="prefix">How the caller spells an argument's name: <c>"--"</c> on the command line, <c>""</c> in a URL.</param>
    /// <param name="defaultLevel">The level when none is given. Defaults to <c>district</c>.</param>
    public static IndicatorQuery Parse(string? year, string? through, string? level, string? parent, string prefix = "",
        string defaultLevel = "district")
    {
        (year, through, level, parent) = (Given(year), Given(through), Given(level), Given(parent));
        if (year is null)
            throw new IndicatorQueryException($"{prefix}year is required ({prefix}year{(prefix.Length > 0 ? " " : "=")}YYYY).");
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 9999)
            throw new IndicatorQueryException($"{prefix}year expects a year such as 2024, got '{year}'.");
        level ??= defaultLevel;
        if (!IndicatorService.Levels.Contains(level))
            throw new IndicatorQueryException($"{prefix}level must be one of {string.Join(", ", IndicatorService.Levels)}; got '{level}'.");
        return new IndicatorQuery(y, ParseThrough(through, y, prefix), level, parent);
    }

    /// <summary>The month of <paramref name="through"/> (YYYY-MM or YYYY-M), which must lie in <paramref name="year"/>.</summary>
    public static int? ParseThrough(string? through, int year, string prefix = "")
    {
        through = Given(through);
        if (through is null) return null;
        if (!DateTime.TryParseExact(through, ["yyyy-MM", "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new IndicatorQueryException($"{prefix}through expects YYYY-MM, got '{through}'.");
        if (d.Year != year)
            throw new IndicatorQueryException($"{prefix}through {through} is not in {prefix}year {year}.");
        return d.Month;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
