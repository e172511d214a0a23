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
/// from the raw rows instead, which is cheaper than subtracting and adding almost everyone. The class tables
/// themselves (rebuild, expansion, computation for a database without them) are <see cref="IndicatorClasses"/>.
/// </summary>
public sealed class MonthlyRefresher(ILogger<MonthlyRefresher> logger, TimeProvider clock) : IIngestObserver
{
    /// <summary>
    /// Above this share of all persons a file's persons are not updated one by one; the classes are rebuilt.
    /// Both ways give the same counts; tests set infinity to force the incremental way. An eighth since the
    /// rebuild got cheaper: on 1M persons the 90 %-overlap bench file (200k new records, 181k persons touched)
    /// took 2.89 s incrementally against 2.25 s for rebuilding after the first file (bench/README.md).
    /// </summary>
    internal double RebuildShare { get; set; } = 0.125;

    private const string AffectedPersons = "person_key IN (SELECT person_key FROM refresh_affected)";

    public void OnFileStaged(DuckDBConnection connection, FileKind kind, CancellationToken ct)
    {
        DropWorkTables(connection);
        // Population is applied at query time; regions change only the roll-up, which is redone from the classes.
        if (kind == FileKind.Population || !IndicatorClasses.Built(connection)) return;
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
        var changedRows = connection.Scalar<long>($"SELECT count(*) FROM {StageTables.Outcome} WHERE is_final");
        if (changedRows > RebuildShare * persons)
        {
            logger.LogDebug("Indicator classes: {Rows} rows changed for {Persons} persons, rebuilding after the file", changedRows, persons);
            return;
        }
        Run(connection, kind == FileKind.Registrations ? "Indicators/AffectedByRegistrations.sql" : "Indicators/AffectedByRecords.sql");
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
        IndicatorClasses.Accumulate(connection, -1);
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
                IndicatorClasses.Rebuild(connection, Now);
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
                    IndicatorClasses.Accumulate(connection, 1);
                }
            }
        }
        finally
        {
            DropWorkTables(connection);
        }
        var classes = watch.Elapsed;
        IndicatorClasses.ExpandMonths(connection, Now);
        logger.LogDebug("Monthly indicators: classes {Classes:F3}s ({Mode}), months {Months:F3}s",
            classes.TotalSeconds, incremental ? "incremental" : "rebuilt", (watch.Elapsed - classes).TotalSeconds);
    }

    /// <summary>An interrupted ingest may have left rows in the class and monthly tables: both are computed anew.</summary>
    public void OnIngestUndone(DuckDBConnection connection, CancellationToken ct)
    {
        IndicatorClasses.Rebuild(connection, Now);
        IndicatorClasses.ExpandMonths(connection, Now);
        logger.LogInformation("Indicator tables rebuilt after an interrupted ingest was undone");
    }

    /// <summary>When the class and monthly tables are stamped as built (UTC, the injected clock's).</summary>
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void Run(DuckDBConnection connection, string script, string? persons = null) =>
        IndicatorClasses.Run(connection, script, persons);

    /// <summary>The temporary tables that carry a refresh from before a file's apply to after it.</summary>
    private static void DropWorkTables(DuckDBConnection connection)
    {
        foreach (var table in new[] { "refresh_affected", "contrib_persons", "contrib_records", "refresh_replaced", "refresh_stored", "refresh_by_id" })
            connection.Execute($"DROP TABLE IF EXISTS {table}");
    }
}
