using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Quality;

/// <summary>One finding of the data-quality report: what was checked, about what, how often, one example.</summary>
public sealed record QualityFinding(string Check, string Subject, long Count, string Example);

/// <summary>
/// The data-quality report an analyst reads before trusting the numbers: rejects by file and reason,
/// unmatched records, regions without population, codes missing from the regions list, ID check digits,
/// volunteer-days over 24 hours, records dated before the registration.
/// </summary>
public sealed class QualityService
{
    public static readonly string[] Checks =
    [
        "rejects", "unmatched_records", "regions_without_population", "codes_not_in_regions",
        "id_check_digit_wrong", "volunteer_days_over_24h", "records_before_registration",
    ];

    public List<QualityFinding> Build(DuckDBConnection connection) =>
        connection.Query(SqlScripts.Load(typeof(QualityService).Assembly, "Quality/Quality.sql"))
            .Select(r => new QualityFinding(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? "" : r.GetString(3)))
            .ToList();

    /// <summary>Totals per check (0 for a clean check), the line a summary or a trend shows.</summary>
    public static Dictionary<string, long> Totals(IEnumerable<QualityFinding> findings)
    {
        var totals = Checks.ToDictionary(c => c, _ => 0L);
        foreach (var f in findings) totals[f.Check] += f.Count;
        return totals;
    }
}
