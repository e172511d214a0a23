using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>
/// What a listing of indicators cannot say in its numbers (CONTRACT §6 warnings): a year without any service record
/// (every region then scores at most 33.33 for want of hours, not of volunteers), and regions without a population
/// (their registration rate is unknown and counts 0 in the score). Never changes a number.
/// </summary>
public sealed record ListingNotes(int Year, int Month, bool NoServiceRecords, IReadOnlyList<IndicatorRow> WithoutPopulation)
{
    public DateOnly AsOf => new DateOnly(Year, Month, 1).AddMonths(1).AddDays(-1);

    public static ListingNotes For(DuckDBConnection connection, int year, int month, IReadOnlyList<IndicatorRow> rows)
    {
        var records = connection.Scalar<long>(
            "SELECT count(*) FROM service_records WHERE service_date BETWEEN $from AND $to",
            ("from", new DateOnly(year, 1, 1)), ("to", new DateOnly(year, 12, 31)));
        return new ListingNotes(year, month, records == 0, rows.Where(r => r.Population is null).ToList());
    }

    /// <summary>The warnings in words, for standard error (and the API, should it want them).</summary>
    public IEnumerable<string> Warnings()
    {
        if (NoServiceRecords)
            yield return $"{Year}年没有任何服务时长记录 (no service records are dated in {Year}): active volunteers and hours are 0 " +
                "everywhere, so no region scores above 33.33 — load that year's hours files, or check --year.";
        if (WithoutPopulation.Count > 0)
            yield return $"{WithoutPopulation.Count} 个区划缺常住人口 ({WithoutPopulation.Count} region(s) have no population for {Year} or an earlier year: " +
                $"{string.Join(", ", WithoutPopulation.Take(5).Select(r => $"{r.RegionCode} {r.RegionName}"))}{(WithoutPopulation.Count > 5 ? $" and {WithoutPopulation.Count - 5:N0} more" : "")}): " +
                "their registration rate is unknown and counts 0 in the score — load a population file that names them.";
    }
}
