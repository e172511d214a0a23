using System.Numerics;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Indicators;

/// <summary>Indicators for any level and month: counts from the monthly table, formulas in <see cref="IndicatorMath"/>.</summary>
public sealed class IndicatorService
{
    private static readonly System.Reflection.Assembly Sql = typeof(IndicatorService).Assembly;

    public static readonly string[] Levels = ["province", "city", "district", "street", "community"];

    public record Region(string Code, string Name, string? Parent);

    /// <summary>
    /// The month <c>--through</c> defaults to: the latest month of a stored service record, clamped into year Y
    /// (December when the data runs past Y, January when it ends before Y or there is none).
    /// </summary>
    public int DefaultThrough(DuckDBConnection connection, int year)
    {
        var latest = connection.Scalar<DateOnly?>("SELECT max(service_date) FROM service_records");
        if (latest is not { } d) return 1;
        if (d.Year > year) return 12;
        if (d.Year < year) return 1;
        return d.Month;
    }

    public List<IndicatorRow> Compute(DuckDBConnection connection, IndicatorQuery query)
    {
        if (!Levels.Contains(query.Level)) throw new ArgumentException($"--level must be one of {string.Join(", ", Levels)}; got '{query.Level}'.");
        var month = query.Through ?? DefaultThrough(connection, query.Year);
        // The parent as the regions are stored: a 12-digit 330102001000 is the street 330102001 (CONTRACT §2).
        // An unknown code, or a name (上城区) resolved to its code: one rule for every caller (Regions/RegionResolver).
        var all = ListRegions(connection);
        var parent = query.Parent is null ? null : Regions.RegionResolver.Resolve(all, query.Parent, "parent");
        var regions = all
            .Where(r => RegionCodes.Level(r.Code) == query.Level && (parent is null || r.Parent == parent))
            .ToList();
        var counts = Counts(connection, query.Year, month);
        var population = Population(connection, query.Year);
        var rows = regions.Select(r => IndicatorMath.Compute(r.Code, r.Name, r.Parent, population.GetValueOrDefault(r.Code),
            counts.GetValueOrDefault(r.Code) ?? new RegionCounts(r.Code, 0, 0, BigInteger.Zero), month));
        return IndicatorMath.Rank(rows);
    }

    public static List<Region> ListRegions(DuckDBConnection connection) =>
        connection.Query(SqlScripts.Load(Sql, "Regions/ListRegions.sql"))
            .Select(r => new Region(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)))
            .ToList();

    public static Dictionary<string, long?> Population(DuckDBConnection connection, int year) =>
        connection.Query(SqlScripts.Load(Sql, "Indicators/Population.sql"), ("year", year))
            .ToDictionary(r => r.GetString(0), r => (long?)r.GetInt64(1));

    /// <summary>
    /// Counts per region at the end of (year, month): from the monthly table when it covers that month, else
    /// expanded from the indicator classes (computed from the raw rows when a database predates them).
    /// </summary>
    public static Dictionary<string, RegionCounts> Counts(DuckDBConnection connection, int year, int month)
    {
        var m = year * 12 + month - 1;
        var covered = connection.Scalar<long?>("SELECT count(*) FROM monthly_coverage WHERE $m BETWEEN first_month AND last_month", ("m", m)) > 0;
        if (covered)
            return ReadCounts(connection, SqlScripts.Load(Sql, "Indicators/StoredCounts.sql"), ("year", year), ("month", month));
        var stored = IndicatorClasses.Built(connection);
        if (!stored) IndicatorClasses.ComputeClasses(connection);
        try
        {
            return ReadCounts(connection, "SELECT region_code, registered, active, total_units FROM (" + IndicatorClasses.ExpandSql(stored) + ")",
                ("m_from", m), ("m_to", m));
        }
        finally
        {
            if (!stored) IndicatorClasses.DropComputedClasses(connection);
        }
    }

    private static Dictionary<string, RegionCounts> ReadCounts(DuckDBConnection connection, string sql, params (string, object?)[] parameters) =>
        connection.Query(sql, parameters)
            .Select(r => new RegionCounts(r.GetString(0), r.GetInt64(1), r.GetInt64(2), ReadBig(r.GetValue(3))))
            .ToDictionary(c => c.RegionCode);

    internal static BigInteger ReadBig(object value) => value switch
    {
        BigInteger b => b,
        long l => l,
        decimal d => new BigInteger(d),
        _ => BigInteger.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture),
    };
}
