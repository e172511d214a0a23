using DuckDB.NET.Data;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>
/// The <c>indicator_class_*</c> tables (schema 0004) and <c>indicator_records_by_id</c> (0005): every count of
/// CONTRACT §5 is a sum over persons, kept grouped by class. <see cref="MonthlyRefresher"/> keeps them current
/// inside each ingest; <see cref="IndicatorService"/> expands them for a month the monthly table does not cover,
/// or computes them from the raw rows for a database made before they existed.
/// </summary>
internal static class IndicatorClasses
{
    private static readonly System.Reflection.Assembly Sql = typeof(IndicatorClasses).Assembly;

    internal const string AllPersons = "TRUE";

    /// <summary>Recomputes the class tables from the raw rows and marks them complete at <paramref name="now"/> (UTC).</summary>
    internal static void Rebuild(DuckDBConnection connection, DateTime now) => Rebuild(connection, PersonIdSql, now);

    /// <summary>
    /// The same numbers as <see cref="ComputeClasses"/> and <c>RecordsById.sql</c>, computed for every person at
    /// once: one join of the records with the registrations on integer person ids, the records counted by ID number
    /// fetched by rowid. <paramref name="personId"/> (a SQL expression over <c>person_key</c>) should differ for any
    /// two persons; when it does not, the classes are computed the slower way. Returns whether it did.
    /// </summary>
    internal static bool Rebuild(DuckDBConnection connection, string personId, DateTime now)
    {
        Run(connection, "Indicators/ClearClasses.sql");
        var identifiers = new Dictionary<string, string> { ["person_id"] = personId };
        bool distinct;
        try
        {
            SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/RebuildPersons.sql"), identifiers);
            // Each registration joins its own person's pid; more rows than registrations means two persons share one.
            distinct = connection.Scalar<long>("SELECT count(*) FROM rebuild_owners") == connection.Scalar<long>("SELECT count(*) FROM registrations");
            if (distinct)
            {
                SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/RebuildRecords.sql"));
                if (connection.Scalar<long>("SELECT count(*) FROM rebuild_records WHERE unowned IS NOT NULL") > 0)
                    SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/RebuildRecordsById.sql"), identifiers);
                SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/RebuildClasses.sql"));
            }
        }
        finally
        {
            foreach (var table in new[] { "rebuild_persons", "rebuild_classes", "rebuild_pids", "rebuild_owners", "rebuild_records" })
                connection.Execute($"DROP TABLE IF EXISTS {table}");
        }
        if (!distinct)
        {
            SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/RecordsById.sql"),
                new Dictionary<string, string> { ["raw_records_by_id"] = RawRecordsByIdSql });
            ComputeClasses(connection, fromRawRows: false);
            Run(connection, "Indicators/StoreComputedClasses.sql");
            DropComputedClasses(connection);
        }
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/MarkClassesBuilt.sql"), null, ("now", now));
        return distinct;
    }

    /// <summary>
    /// A person's id in a rebuild: the 64-bit hash of the person key. Two of 1M persons share one with a
    /// probability of about 3 in 100 million; <see cref="Rebuild(DuckDBConnection, string)"/> checks.
    /// </summary>
    private const string PersonIdSql = "hash(person_key)";

    /// <summary>Rewrites <c>monthly_indicators</c> for every month of the data from the class tables, stamped <paramref name="now"/> (UTC).</summary>
    internal static void ExpandMonths(DuckDBConnection connection, DateTime now)
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
        var identifiers = new Dictionary<string, string> { ["expand"] = ExpandSql(stored: true) };
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/Refresh.sql"), identifiers, ("m_from", first), ("m_to", last), ("now", now));
    }

    /// <summary>
    /// The expansion query over the stored class tables, or over <c>contrib_*</c> temporary tables that
    /// <see cref="ComputeClasses"/> filled.
    /// </summary>
    internal static string ExpandSql(bool stored) => SqlBatch.Substitute(SqlScripts.Load(Sql, "Indicators/Expand.sql"),
        stored
            ? new Dictionary<string, string> { ["registered"] = "indicator_class_registered", ["active"] = "indicator_class_active", ["hours"] = "indicator_class_hours" }
            : new Dictionary<string, string> { ["registered"] = "contrib_registered", ["active"] = "contrib_active", ["hours"] = "contrib_hours" });

    internal static bool Built(DuckDBConnection connection) =>
        connection.Scalar<long>("SELECT count(*) FROM indicator_classes_built") > 0;

    /// <summary>
    /// Fills the temporary contrib_registered, contrib_active and contrib_hours with the classes of every person:
    /// from the raw rows alone, or with the stored indicator_records_by_id.
    /// </summary>
    internal static void ComputeClasses(DuckDBConnection connection, bool fromRawRows = true)
    {
        Run(connection, "Indicators/ContributingPersons.sql", AllPersons);
        Run(connection, "Indicators/ContributingRecords.sql", AllPersons, fromRawRows);
        Run(connection, "Indicators/ContributionClasses.sql");
        connection.Execute("DROP TABLE contrib_records");
        connection.Execute("DROP TABLE contrib_persons");
    }

    internal static void DropComputedClasses(DuckDBConnection connection)
    {
        foreach (var table in new[] { "contrib_registered", "contrib_active", "contrib_hours" })
            connection.Execute($"DROP TABLE IF EXISTS {table}");
    }

    /// <summary>
    /// Runs one of the refresh scripts; <paramref name="persons"/> for those that take a set of persons, and where
    /// records counted by ID number come from: the stored table, or the raw rows (a database whose classes are not
    /// built yet has no such table filled).
    /// </summary>
    internal static void Run(DuckDBConnection connection, string script, string? persons = null, bool fromRawRows = false)
    {
        var identifiers = new Dictionary<string, string>(StageTables.Identifiers);
        if (persons is not null)
        {
            identifiers["persons"] = persons;
            identifiers["records_by_id"] = fromRawRows ? $"({RawRecordsByIdSql})" : "indicator_records_by_id";
        }
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, script), identifiers);
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or subtracts (-1) the contributions in the <c>contrib_*</c> tables to the stored classes.</summary>
    internal static void Accumulate(DuckDBConnection connection, int sign) =>
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/Accumulate.sql"), null, ("sign", sign));

    /// <summary>The records that count by ID number, computed from the raw rows (what indicator_records_by_id keeps).</summary>
    internal static string RawRecordsByIdSql => SqlScripts.Load(Sql, "Indicators/RawRecordsById.sql");
}
