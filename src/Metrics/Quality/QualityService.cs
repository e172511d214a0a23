using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;

namespace VolunteerStats.Metrics.Quality;

/// <summary>One finding of the data-quality report: what was checked, about what, how often, one example.</summary>
public sealed record QualityFinding(string Check, string Subject, long Count, string Example);

/// <summary>Rejected rows of one file, kind and reason.</summary>
public sealed record RejectCount(string File, string Kind, string Reason, long Rows);

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

    public List<QualityFinding> Build(DuckDBConnection connection) => Read(connection, SqlScripts.Load(typeof(QualityService).Assembly, "Quality/Quality.sql"));

    /// <summary>
    /// The findings of some of the <see cref="Checks"/> only, from the same report: DuckDB drops the other checks'
    /// parts of the query, so a briefing that mentions rejects and unmatched records does not scan for over-24-hour days.
    /// </summary>
    public List<QualityFinding> Build(DuckDBConnection connection, params string[] checks)
    {
        if (checks.FirstOrDefault(c => !Checks.Contains(c)) is { } unknown) throw new ArgumentException($"Unknown quality check '{unknown}'.", nameof(checks));
        // Only names from Checks are spliced in (constants, never user text).
        var list = string.Join(", ", checks.Select(c => $"'{c}'"));
        return Read(connection, $"SELECT * FROM ({SqlScripts.Load(typeof(QualityService).Assembly, "Quality/Quality.sql")}) WHERE check_name IN ({list}) ORDER BY 1, 3 DESC, 2");
    }

    private static List<QualityFinding> Read(DuckDBConnection connection, string sql) =>
        connection.Query(sql)
            .Select(r => new QualityFinding(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? "" : r.GetString(3)))
            .ToList();

    /// <summary>
    /// The stored suspicious-hours check of the latest year with service records (the server's nightly job, or
    /// <c>./volstats anomalies</c>), or null when that year was not checked. Never scores here.
    /// </summary>
    public AnomalyCheck? SuspiciousHours(DuckDBConnection connection) =>
        LatestServiceYear(connection) is { } year ? AnomalyStore.Load(connection, year) : null;

    /// <summary>The year of the latest stored service record, or null when none is stored.</summary>
    public static int? LatestServiceYear(DuckDBConnection connection) =>
        connection.Scalar<DateOnly?>("SELECT max(service_date) FROM service_records")?.Year;

    /// <summary>Rejected rows by file, kind and reason, oldest file first.</summary>
    public List<RejectCount> RejectsByFile(DuckDBConnection connection) =>
        connection.Query(SqlScripts.Load(typeof(QualityService).Assembly, "Quality/RejectsByFile.sql"))
            .Select(r => new RejectCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)))
            .ToList();

    /// <summary>
    /// Stores tonight's point of the quality trend in <c>quality_snapshots</c>, from the same report as
    /// <see cref="Build"/>: rejects by kind and reason, and each other check's total (measure = the check's name).
    /// Runs in the caller's transaction.
    /// </summary>
    public Dictionary<string, long> Snapshot(DuckDBConnection connection, DateTime takenAtUtc)
    {
        connection.Execute(SqlScripts.Load(typeof(QualityService).Assembly, "Quality/TakeSnapshot.sql"), ("taken_at", takenAtUtc));
        var totals = Totals(Build(connection));
        foreach (var (check, n) in totals.Where(t => t.Key != "rejects"))
            connection.Execute("INSERT INTO quality_snapshots VALUES ($taken_at, $check, '', NULL, $n)",
                ("taken_at", takenAtUtc), ("check", check), ("n", n));
        return totals;
    }

    /// <summary>Totals per check (0 for a clean check), the line a summary or a trend shows.</summary>
    public static Dictionary<string, long> Totals(IEnumerable<QualityFinding> findings)
    {
        var totals = Checks.ToDictionary(c => c, _ => 0L);
        foreach (var f in findings) totals[f.Check] += f.Count;
        return totals;
    }
}
