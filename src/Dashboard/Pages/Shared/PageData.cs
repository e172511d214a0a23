using DuckDB.NET.Data;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>What the page footer and the big screen say about how fresh the numbers are.</summary>
public sealed record Freshness(DateOnly? LatestServiceDate, string? LastFile, DateTime? LastLoadedAt);

/// <summary>A year and the month its figures run through (CONTRACT §5's Y and M).</summary>
public sealed record Period(int Year, int Month)
{
    public string Through => $"{Year:D4}-{Month:D2}";
    public Period? Previous => Month > 1 ? this with { Month = Month - 1 } : null;
}

/// <summary>The regions file as a tree: names, levels, parents, children.</summary>
public sealed class RegionIndex
{
    private readonly Dictionary<string, IndicatorService.Region> _byCode;
    private readonly Dictionary<string, List<string>> _children = [];

    public RegionIndex(IReadOnlyList<IndicatorService.Region> regions)
    {
        All = regions;
        _byCode = regions.ToDictionary(r => r.Code);
        foreach (var r in regions)
            if (r.Parent is { } p) (_children.TryGetValue(p, out var list) ? list : _children[p] = []).Add(r.Code);
    }

    public IReadOnlyList<IndicatorService.Region> All { get; }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public string Name(string code) => _byCode.TryGetValue(code, out var r) ? r.Name : code;

    public string? Parent(string code) => _byCode.TryGetValue(code, out var r) ? r.Parent : RegionCodes.StructuralParent(code);

    public static string Level(string code) => RegionCodes.Level(code);

    public IReadOnlyList<string> Children(string code) => _children.TryGetValue(code, out var list) ? list : [];

    /// <summary>The region and its ancestors that are in the regions file, top first.</summary>
    public List<string> Path(string code)
    {
        var path = new List<string>();
        for (string? c = code; c is not null && path.Count < 8; c = Parent(c))
            if (Contains(c)) path.Insert(0, c);
        return path;
    }

    public bool IsUnder(string code, string ancestor)
    {
        var depth = 0;
        for (string? c = code; c is not null && depth < 8; c = Parent(c), depth++)
            if (c == ancestor) return true;
        return false;
    }

    /// <summary>The level the children of <paramref name="code"/> are at, from the regions that are there, else by the code.</summary>
    public string? ChildLevel(string code)
    {
        var children = Children(code);
        if (children.Count > 0) return Level(children[0]);
        return Level(code) switch { "province" => "city", "city" => "district", "district" => "street", "street" => "community", _ => null };
    }

    /// <summary>
    /// The office's region when nobody limits it: the lowest region above every other one (a city under its
    /// province), else null when the file holds several unrelated roots.
    /// </summary>
    public string? Top()
    {
        var roots = All.Where(r => r.Parent is null || !Contains(r.Parent)).Select(r => r.Code).ToList();
        if (roots.Count != 1) return null;
        var top = roots[0];
        while (Children(top) is [var only] && Children(only).Count > 0) top = only;
        return top;
    }
}

/// <summary>
/// Reads for the pages, on their own connections (never waiting for an ingest), from the same services the API
/// uses: <see cref="IndicatorService"/> computes every indicator shown; nothing is recomputed here.
/// </summary>
public sealed class PageData(DatabaseWriter writer, IndicatorService indicators)
{
    public IndicatorService Indicators => indicators;

    public Task<T> ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken ct) => writer.ReadAsync(read, ct);

    public static RegionIndex Regions(DuckDBConnection connection) => new(IndicatorService.ListRegions(connection));

    public static Freshness Freshness(DuckDBConnection connection)
    {
        var latest = connection.Scalar<DateOnly?>("SELECT max(service_date) FROM service_records");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, ingested_at FROM files ORDER BY ingested_at DESC, file_id DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Freshness(latest, reader.GetString(0), reader.GetDateTime(1))
            : new Freshness(latest, null, null);
    }

    /// <summary>The years that have service records, newest first (the latest registration year, else this year, when none).</summary>
    public static List<int> Years(DuckDBConnection connection, TimeProvider clock)
    {
        // Years of service records (the indicators' Y), else the latest year of a registration.
        var years = connection.Query("""
            SELECT DISTINCT year(service_date) AS y FROM service_records
            UNION SELECT max(year(registered_at)) FROM registrations WHERE NOT EXISTS (SELECT 1 FROM service_records)
            ORDER BY y DESC
            """).Where(r => !r.IsDBNull(0)).Select(r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return years.Count > 0 ? years : [clock.GetUtcNow().AddHours(8).Year];
    }

    /// <summary>The period a page shows: the asked year (default: the latest year with data) through the asked month (default as <c>indicators</c>).</summary>
    public Period Resolve(DuckDBConnection connection, TimeProvider clock, int? year, int? month)
    {
        var y = year ?? Years(connection, clock)[0];
        var m = month is >= 1 and <= 12 ? month.Value : indicators.DefaultThrough(connection, y);
        return new Period(y, m);
    }

    public List<IndicatorRow> Compute(DuckDBConnection connection, Period period, string level, string? parent) =>
        indicators.Compute(connection, new IndicatorQuery(period.Year, period.Month, level, parent));

    /// <summary>One region's row among its peers (same level and parent, as <c>trend</c> ranks it), or null.</summary>
    public IndicatorRow? Row(DuckDBConnection connection, RegionIndex regions, string code, Period period) =>
        Compute(connection, period, RegionIndex.Level(code), regions.Parent(code)).FirstOrDefault(r => r.RegionCode == code);

    /// <summary>The region's indicators month by month, January through the period's month.</summary>
    public List<(int Month, IndicatorRow Row)> Trend(DuckDBConnection connection, RegionIndex regions, string code, Period period)
    {
        var rows = new List<(int, IndicatorRow)>();
        for (var m = 1; m <= period.Month; m++)
            if (Row(connection, regions, code, period with { Month = m }) is { } row) rows.Add((m, row));
        return rows;
    }
}
