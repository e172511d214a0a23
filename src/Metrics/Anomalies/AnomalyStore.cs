using System.Text.Json;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Anomalies;

/// <summary>The flags of a year as last checked: when, through which month, and whether files were loaded since.</summary>
public sealed record AnomalyCheck(int Year, int Through, DateTime CheckedAtUtc, bool Current, IReadOnlyList<AnomalyFlag> Flags)
{
    /// <summary>Flags and records per kind, in <see cref="AnomalyKinds.All"/> order (0 for a kind with none).</summary>
    public IReadOnlyList<(string Kind, int Flags, long Records)> ByKind =>
        AnomalyKinds.All.Select(k => (k, Flags.Count(f => f.Kind == k), Flags.Where(f => f.Kind == k).Sum(f => f.Records))).ToList();
}

/// <summary>
/// Keeps the last computed flags of each year in the database (<c>anomaly_checks</c>, <c>anomaly_flags</c>), so that
/// <c>quality</c>, the briefing and the pages mention them without running the model again. Writing replaces the
/// year's flags in the caller's connection; a check is <see cref="AnomalyCheck.Current"/> while no file was loaded since.
/// </summary>
public static class AnomalyStore
{
    private static string Sql(string name) => SqlScripts.Load(typeof(AnomalyStore).Assembly, $"Anomalies/{name}.sql");

    /// <summary>The data version a check is stored with (<see cref="Ingest.Storage.DataVersion"/>, the one version of the data).</summary>
    public static string DataVersion(DuckDBConnection connection) => Ingest.Storage.DataVersion.Read(connection).Value;

    public static void Save(DuckDBConnection connection, int year, int through, IReadOnlyList<AnomalyFlag> flags, DateTime checkedAtUtc, string dataVersion)
    {
        using var tx = connection.BeginTransaction();
        connection.Execute("DELETE FROM anomaly_flags WHERE year = $y", ("y", year));
        connection.Execute("DELETE FROM anomaly_checks WHERE year = $y", ("y", year));
        connection.Execute(Sql("StoreCheck"), ("y", year), ("t", through), ("at", checkedAtUtc), ("v", dataVersion));
        foreach (var f in flags)
            connection.Execute(Sql("StoreFlag"),
                ("y", year), ("kind", f.Kind), ("score", f.Score), ("org", f.Organization), ("vid", f.VolunteerId), ("date", f.ServiceDate),
                ("records", f.Records), ("hours", f.Hours), ("reason", f.Reason), ("ids", JsonSerializer.Serialize(f.RecordIds)));
        tx.Commit();
    }

    /// <summary>The last check of <paramref name="year"/>, or null when none was stored (or the database predates the tables).</summary>
    public static AnomalyCheck? Load(DuckDBConnection connection, int year)
    {
        if (connection.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'anomaly_checks'") == 0) return null;
        var check = connection.Query(Sql("StoredCheck"), ("y", year))
            .Select(r => (Through: r.GetInt32(0), At: r.GetDateTime(1), Version: r.GetString(2))).ToList();
        if (check.Count == 0) return null;
        var flags = connection.Query(Sql("StoredFlags"), ("y", year))
            .Select(r => new AnomalyFlag(r.GetString(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                DateOnly.FromDateTime(r.GetDateTime(4)), r.GetInt64(5), r.GetDouble(6), r.GetString(7),
                JsonSerializer.Deserialize<List<string>>(r.GetString(8)) ?? []))
            .ToList();
        return new AnomalyCheck(year, check[0].Through, check[0].At, check[0].Version == DataVersion(connection), flags);
    }
}
