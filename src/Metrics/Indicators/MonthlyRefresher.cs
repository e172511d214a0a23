using DuckDB.NET.Data;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>Rebuilds <c>monthly_indicators</c> inside each ingest's transaction.</summary>
public sealed class MonthlyRefresher : IIngestObserver
{
    private static readonly System.Reflection.Assembly Sql = typeof(MonthlyRefresher).Assembly;

    public void OnFileLoaded(DuckDBConnection connection, IngestSummary summary, CancellationToken ct)
    {
        // The counts depend on registrations, service records and the region tree; population is applied at
        // query time. A file that stored nothing new (all unchanged or rejected) cannot change them either.
        if (summary.Kind == Ingest.Headers.FileKind.Population.Name) return;
        if (summary.Inserted + summary.Updated + summary.Unmatched == 0) return;
        Refresh(connection);
    }

    public static void Refresh(DuckDBConnection connection)
    {
        long first = 0, last = -1;
        foreach (var r in connection.Query(SqlScripts.Load(Sql, "Indicators/CoverageRange.sql")))
        {
            first = r.GetInt64(0);
            last = r.GetInt64(1);
        }
        if (last < first)
        {
            connection.Execute("DELETE FROM monthly_indicators");
            connection.Execute("DELETE FROM monthly_coverage");
            return;
        }
        var identifiers = new Dictionary<string, string> { ["monthly_counts"] = SqlScripts.Load(Sql, "Indicators/MonthlyCounts.sql") };
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/Refresh.sql"), identifiers, ("m_from", first), ("m_to", last));
    }
}
