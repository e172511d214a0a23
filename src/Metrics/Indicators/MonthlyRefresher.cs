using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>
/// Keeps <c>monthly_indicators</c> up to date inside each ingest's transaction. Every count of CONTRACT §5 is a
/// sum over persons, kept per class in the <c>indicator_class_*</c> tables: before a file is applied, the
/// contribution of the persons it touches is subtracted; after, their new contribution is added and the monthly
/// table is expanded from the classes. A file that touches a large share of the persons rebuilds the classes
/// from the raw rows instead, which is cheaper than subtracting and adding almost everyone.
/// </summary>
public sealed class MonthlyRefresher(ILogger<MonthlyRefresher> logger) : IIngestObserver
{
    private static readonly System.Reflection.Assembly Sql = typeof(MonthlyRefresher).Assembly;

    /// <summary>
    /// Above this share of all persons a file's persons are not updated one by one; the classes are rebuilt.
    /// Both ways give the same counts; tests set infinity to force the incremental way. An eighth since the
    /// rebuild got cheaper: on 1M persons the 90 %-overlap bench file (200k new records, 181k persons touched)
    /// took 2.89 s incrementally against 2.25 s for rebuilding after the first file (bench/README.md).
    /// </summary>
    internal double RebuildShare { get; set; } = 0.125;

    private const string AllPersons = "TRUE";
    private const string AffectedPersons = "person_key IN (SELECT person_key FROM refresh_affected)";

    public void OnFileStaged(DuckDBConnection connection, FileKind kind, CancellationToken ct)
    {
        DropWorkTables(connection);
        // Population is applied at query time; regions change only the roll-up, which is redone from the classes.
        if (kind == FileKind.Population || !ClassesBuilt(connection)) return;
        if (kind == FileKind.Regions)
        {
            connection.Execute("CREATE TEMP TABLE refresh_affected (person_key VARCHAR)");
            return;
        }
        var watch = Stopwatch.StartNew();
        var persons = connection.Scalar<long?>("SELECT sum(n)::BIGINT FROM indicator_class_registered") ?? 0;
        // A changed row touches at most two persons (the owners of its old and new version), often one or none, so
        // a file with many changed rows is rebuilt without first finding whom it touches (on 2M new records that
        // search alone took about 3 s).
        var changedRows = connection.Scalar<long>("SELECT count(*) FROM stage_outcome WHERE is_final");
        if (changedRows > RebuildShare * persons)
        {
            logger.LogDebug("Indicator classes: {Rows} rows changed for {Persons} persons, rebuilding after the file", changedRows, persons);
            return;
        }
        SqlBatch.Execute(connection, SqlScripts.Load(Sql,
            kind == FileKind.Registrations ? "Indicators/AffectedByRegistrations.sql" : "Indicators/AffectedByRecords.sql"));
        var affected = connection.Scalar<long>("SELECT count(*) FROM refresh_affected");
        if (affected > RebuildShare * persons)
        {
            connection.Execute("DROP TABLE refresh_affected"); // too many to do one by one: rebuild after the apply
            logger.LogDebug("Indicator classes: {Affected} of {Persons} persons touched, rebuilding after the file", affected, persons);
            return;
        }
        if (kind == FileKind.ServiceRecords) Run(connection, "Indicators/StagedRecordKeys.sql");
        if (affected == 0) return;
        Run(connection, "Indicators/ContributingPersons.sql", AffectedPersons);
        Run(connection, "Indicators/ContributingRecords.sql", AffectedPersons);
        Run(connection, "Indicators/ContributionClasses.sql");
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/Accumulate.sql"), null, ("sign", -1));
        // An hours file leaves the persons as they are: their records after the file follow from the staged rows.
        if (kind == FileKind.ServiceRecords) Run(connection, "Indicators/StagedRecordChanges.sql");
        logger.LogDebug("Indicator classes: {Affected} persons touched, old contributions removed in {Ms} ms", affected, watch.ElapsedMilliseconds);
    }

    public void OnFileLoaded(DuckDBConnection connection, IngestSummary summary, CancellationToken ct)
    {
        if (summary.Kind == FileKind.Population.Name) return;
        var incremental = connection.Scalar<long>(
            "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'refresh_affected'") > 0;
        var watch = Stopwatch.StartNew();
        try
        {
            // A file that stored nothing new (all unchanged or rejected) cannot change the counts.
            if (summary.Inserted + summary.Updated + summary.Unmatched == 0) return;
            if (!incremental)
            {
                Rebuild(connection);
            }
            else
            {
                var records = summary.Kind == FileKind.ServiceRecords.Name;
                if (records) Run(connection, "Indicators/AppliedRecordsById.sql");
                else if (summary.Kind == FileKind.Registrations.Name) Run(connection, "Indicators/RegisteredRecordsById.sql");
                if (connection.Scalar<long>("SELECT count(*) FROM refresh_affected") > 0)
                {
                    if (records)
                        Run(connection, "Indicators/AppliedRecordChanges.sql");
                    else
                    {
                        Run(connection, "Indicators/ContributingPersons.sql", AffectedPersons);
                        Run(connection, "Indicators/ContributingRecords.sql", AffectedPersons);
                    }
                    Run(connection, "Indicators/ContributionClasses.sql");
                    SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/Accumulate.sql"), null, ("sign", 1));
                }
            }
        }
        finally
        {
            DropWorkTables(connection);
        }
        var classes = watch.Elapsed;
        ExpandMonths(connection);
        logger.LogDebug("Monthly indicators: classes {Classes:F3}s ({Mode}), months {Months:F3}s",
            classes.TotalSeconds, incremental ? "incremental" : "rebuilt", (watch.Elapsed - classes).TotalSeconds);
    }

    /// <summary>An interrupted ingest may have left rows in the class and monthly tables: both are computed anew.</summary>
    public void OnIngestUndone(DuckDBConnection connection, CancellationToken ct)
    {
        Rebuild(connection);
        ExpandMonths(connection);
        logger.LogInformation("Indicator tables rebuilt after an interrupted ingest was undone");
    }

    /// <summary>Recomputes the class tables from the raw rows and marks them complete.</summary>
    public static void Rebuild(DuckDBConnection connection) => Rebuild(connection, PersonIdSql);

    /// <summary>
    /// The same numbers as <see cref="ComputeClasses"/> and <c>RecordsById.sql</c>, computed for every person at
    /// once: one join of the records with the registrations on integer person ids, the records counted by ID number
    /// fetched by rowid. <paramref name="personId"/> (a SQL expression over <c>person_key</c>) should differ for any
    /// two persons; when it does not, the classes are computed the slower way. Returns whether it did.
    /// </summary>
    internal static bool Rebuild(DuckDBConnection connection, string personId)
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
        Run(connection, "Indicators/MarkClassesBuilt.sql");
        return distinct;
    }

    /// <summary>
    /// A person's id in a rebuild: the 64-bit hash of the person key. Two of 1M persons share one with a
    /// probability of about 3 in 100 million; <see cref="Rebuild(DuckDBConnection, string)"/> checks.
    /// </summary>
    private const string PersonIdSql = "hash(person_key)";

    /// <summary>Rewrites <c>monthly_indicators</c> for every month of the data from the class tables.</summary>
    public static void ExpandMonths(DuckDBConnection connection)
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
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, "Indicators/Refresh.sql"), identifiers, ("m_from", first), ("m_to", last));
    }

    /// <summary>
    /// The expansion query over the stored class tables, or over <c>contrib_*</c> temporary tables that
    /// <see cref="ComputeClasses"/> filled.
    /// </summary>
    internal static string ExpandSql(bool stored) => SqlBatch.Substitute(SqlScripts.Load(Sql, "Indicators/Expand.sql"),
        stored
            ? new Dictionary<string, string> { ["registered"] = "indicator_class_registered", ["active"] = "indicator_class_active", ["hours"] = "indicator_class_hours" }
            : new Dictionary<string, string> { ["registered"] = "contrib_registered", ["active"] = "contrib_active", ["hours"] = "contrib_hours" });

    internal static bool ClassesBuilt(DuckDBConnection connection) =>
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

    /// <summary>The temporary tables that carry a refresh from before a file's apply to after it.</summary>
    private static void DropWorkTables(DuckDBConnection connection)
    {
        foreach (var table in new[] { "refresh_affected", "contrib_persons", "contrib_records", "refresh_replaced", "refresh_stored", "refresh_by_id" })
            connection.Execute($"DROP TABLE IF EXISTS {table}");
    }

    /// <summary>
    /// Runs one of the refresh scripts; <paramref name="persons"/> for those that take a set of persons, and where
    /// records counted by ID number come from: the stored table, or the raw rows (a database whose classes are not
    /// built yet has no such table filled).
    /// </summary>
    private static void Run(DuckDBConnection connection, string script, string? persons = null, bool fromRawRows = false) =>
        SqlBatch.Execute(connection, SqlScripts.Load(Sql, script), persons is null ? null : new Dictionary<string, string>
        {
            ["persons"] = persons,
            ["records_by_id"] = fromRawRows ? $"({RawRecordsByIdSql})" : "indicator_records_by_id",
        });

    /// <summary>The records that count by ID number, computed from the raw rows (what indicator_records_by_id keeps).</summary>
    internal static string RawRecordsByIdSql => SqlScripts.Load(Sql, "Indicators/RawRecordsById.sql");
}
