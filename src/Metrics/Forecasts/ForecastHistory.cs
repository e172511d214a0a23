using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Metrics.Forecasts;

/// <summary>The three indicators a forecast predicts, in this order everywhere (arrays are indexed by it).</summary>
public enum ForecastIndicator { Registered = 0, Active = 1, TotalHours = 2 }

/// <summary>
/// Month-end counts of every region, year by year, exactly as <see cref="IndicatorService"/> gives them (one set of
/// numbers). <c>Values[year][month, indicator]</c>, months 1..12; month 0 holds the previous December's registered
/// (active and hours restart at 0 every January).
/// </summary>
public sealed class ForecastHistory
{
    public const int Indicators = 3;

    public required int Year { get; init; }
    public required int Through { get; init; }
    /// <summary>The first year whose data starts by February: earlier or partial years are not learnt from.</summary>
    public required int FirstYear { get; init; }
    public required IReadOnlyList<IndicatorService.Region> Regions { get; init; }
    public required Dictionary<string, Dictionary<int, double[,]>> Values { get; init; }
    public required Dictionary<string, long?> Population { get; init; }

    public double[,]? Series(string region, int year) =>
        Values.TryGetValue(region, out var years) && years.TryGetValue(year, out var s) ? s : null;

    /// <summary>Complete years before <see cref="Year"/> whose previous year is also known: what models learn from.</summary>
    public IEnumerable<int> YearsWithPrevious() => Enumerable.Range(FirstYear + 1, Math.Max(0, Year - FirstYear - 1));

    /// <summary>Complete years before <see cref="Year"/>.</summary>
    public IEnumerable<int> CompleteYears() => Enumerable.Range(FirstYear, Math.Max(0, Year - FirstYear));

    /// <summary>Loads the history of year <paramref name="year"/> through month <paramref name="through"/>, and the complete years before it.</summary>
    public static ForecastHistory Load(DuckDBConnection connection, int year, int through, int maxYearsBack = 6)
    {
        var first = connection.Scalar<DateOnly?>("SELECT min(service_date) FROM service_records");
        var firstYear = first is { } f ? (f.Month <= 2 ? f.Year : f.Year + 1) : year;
        firstYear = Math.Clamp(firstYear, year - maxYearsBack, year);
        var regions = IndicatorService.ListRegions(connection);
        var values = regions.ToDictionary(r => r.Code, _ => new Dictionary<int, double[,]>());
        // The December before the first year gives that year's month 0 of registered.
        for (var y = firstYear - 1; y <= year; y++)
        {
            var last = y == year ? through : 12;
            for (var m = y < firstYear ? 12 : 1; m <= last; m++)
            {
                var counts = IndicatorService.Counts(connection, y, m);
                foreach (var r in regions)
                {
                    var c = counts.GetValueOrDefault(r.Code);
                    if (!values[r.Code].TryGetValue(y, out var s))
                        values[r.Code][y] = s = Empty();
                    s[m, 0] = c?.Registered ?? 0;
                    s[m, 1] = c?.Active ?? 0;
                    s[m, 2] = c is null ? 0 : (double)c.TotalUnits / Hours.UnitsPerHour;
                }
            }
        }
        foreach (var years in values.Values)
            for (var y = firstYear; y <= year; y++)
                if (years.TryGetValue(y, out var s))
                    s[0, 0] = years.TryGetValue(y - 1, out var p) ? p[12, 0] : s[1, 0];
        return new ForecastHistory
        {
            Year = year, Through = through, FirstYear = firstYear, Regions = regions, Values = values,
            Population = IndicatorService.Population(connection, year),
        };
    }

    private static double[,] Empty()
    {
        var s = new double[13, Indicators];
        for (var m = 0; m <= 12; m++)
            for (var k = 0; k < Indicators; k++) s[m, k] = double.NaN;
        return s;
    }
}
