using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Dashboard.Caching;
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
public sealed class PageData(DatabaseWriter writer, IndicatorService indicators, DataVersions versions, IOptions<ServerOptions> options, TimeProvider clock,
    ILogger<PageData> logger)
{
    /// <summary>How many pages' reads are kept (each a page's model: a few rows lists and the shared region tree).</summary>
    public const int Capacity = 512;

    private readonly PageCache _pieces = new();
    private readonly AnswerCache<object?> _models = new(Capacity, _ => 1, options.Value.FreshWait, clock, logger, options.Value.JoinWait);

    public IndicatorService Indicators => indicators;

    internal AnswerCache<object?> Models => _models;

    public Task<T> ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken ct) => writer.ReadAsync(read, ct);

    /// <summary>
    /// What <paramref name="read"/> returns for this page, user scope and language, cached per data version with
    /// stale-while-revalidate (<see cref="AnswerCache{T}"/>): while the data changed and the new answer is computed
    /// in the background, the previous version's answer is returned (after at most <see cref="ServerOptions.FreshWait"/>). The version served is set on
    /// <paramref name="req"/> (the footer's 数据截至 line) and in <c>X-Data-Version</c>. <paramref name="read"/> may
    /// run after the request ended: it must use only the reader and what <paramref name="req"/> holds.
    /// </summary>
    public async Task<T> ReadCachedAsync<T>(PageRequest req, Func<PageReader, T> read,
        [CallerFilePath] string caller = "", [CallerLineNumber] int line = 0)
    {
        var http = req.Http.Request;
        var key = string.Join('\u001f', Path.GetFileName(caller), line, http.Path.Value, http.QueryString.Value,
            req.Access.RegionLimit ?? "*", req.Access.Role ?? "", req.Lang);
        var current = await versions.CurrentAsync(req.Aborted);
        var served = await _models.GetAsync(key, current, () => ComputeAsync(read), req.Aborted);
        req.Served(served.Version, served.Stale);
        return (T)served.Value!;
    }

    /// <summary>At most this many bytes of rendered pages are kept (then they are all dropped and rendered again).</summary>
    public const long RenderedCapacity = 32L << 20;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IResult> _rendered = new(StringComparer.Ordinal);
    private long _renderedBytes;

    /// <summary>
    /// The page <paramref name="render"/> makes from a model read by <see cref="ReadCachedAsync"/>, kept per URL, user
    /// (name, role, region limit), language and the data version served (and whether it was stale): the same inputs
    /// render the same HTML, so it is rendered once. For pages whose HTML depends on nothing else (no clock, no jobs).
    /// </summary>
    public IResult Rendered(PageRequest req, Func<IResult> render)
    {
        if (req.DataVersion is not { } version) return render();
        var http = req.Http.Request;
        var key = string.Join('\u001f', http.Path.Value, http.QueryString.Value, req.Access.UserName ?? "", req.Access.Role ?? "",
            req.Access.RegionLimit ?? "*", req.Lang, version.Value, req.Stale);
        if (_rendered.TryGetValue(key, out var kept)) return kept;
        var result = render();
        if (result is not ContentHttpResult { ResponseContent: { } content } page) return result;
        // Kept as UTF-8 bytes: a request then writes them without allocating (a page is ~30 KB of HTML).
        var bytes = new RenderedPage(page.StatusCode ?? StatusCodes.Status200OK, page.ContentType, Encoding.UTF8.GetBytes(content));
        if (Interlocked.Add(ref _renderedBytes, bytes.Body.Length) > RenderedCapacity)
        {
            _rendered.Clear();
            Interlocked.Exchange(ref _renderedBytes, bytes.Body.Length);
        }
        _rendered[key] = bytes;
        return bytes;
    }

    /// <summary>A rendered page as bytes, written as they are.</summary>
    private sealed class RenderedPage(int status, string? contentType, byte[] body) : IResult
    {
        public byte[] Body => body;

        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = contentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
        }
    }

    private async Task<(DataVersion, object?)> ComputeAsync<T>(Func<PageReader, T> read)
    {
        var started = clock.GetTimestamp();
        var (version, value) = await writer.ReadAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var version = DataVersion.Read(connection);
            var reader = new PageReader(this, _pieces.For(version.Value, started), connection);
            var value = read(reader);
            transaction.Commit();
            return (version, (object?)value);
        }, CancellationToken.None);
        versions.Observe(version, started);
        return (version, value);
    }

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

/// <summary>
/// The reads of one page computation, on one connection inside one read transaction, through the pieces cache of
/// the data version that transaction sees (regions, freshness, indicator rows: shared by the pages). Values are the
/// services' own results; nothing is recomputed.
/// </summary>
public sealed class PageReader(PageData data, PageCache.Generation cache, DuckDBConnection connection)
{
    public DuckDBConnection Connection => connection;

    public T Cached<T>(string key, Func<DuckDBConnection, T> read) => cache.Get(key, () => read(connection));

    public RegionIndex Regions() => Cached("regions", PageData.Regions);

    public Freshness Freshness() => Cached("freshness", PageData.Freshness);

    public List<int> Years(TimeProvider clock) => Cached("years", c => PageData.Years(c, clock));

    public Period Resolve(TimeProvider clock, int? year, int? month)
    {
        var y = year ?? Years(clock)[0];
        var m = month is >= 1 and <= 12 ? month.Value : Cached($"through|{y}", c => data.Indicators.DefaultThrough(c, y));
        return new Period(y, m);
    }

    public List<IndicatorRow> Compute(Period period, string level, string? parent) =>
        Cached($"rows|{period.Year}|{period.Month}|{level}|{parent}", c => data.Compute(c, period, level, parent));

    public IndicatorRow? Row(RegionIndex regions, string code, Period period) =>
        Compute(period, RegionIndex.Level(code), regions.Parent(code)).FirstOrDefault(r => r.RegionCode == code);

    public List<(int Month, IndicatorRow Row)> Trend(RegionIndex regions, string code, Period period)
    {
        var rows = new List<(int, IndicatorRow)>();
        for (var m = 1; m <= period.Month; m++)
            if (Row(regions, code, period with { Month = m }) is { } row) rows.Add((m, row));
        return rows;
    }
}

/// <summary>
/// The pieces behind <see cref="PageReader"/>, one generation per data version: one computation per key and version,
/// however many ask at once. A computation whose transaction sees a newer version than the generation's (it began
/// later) starts a new generation; one that began earlier and sees another version gets a generation of its own,
/// so that a piece is only ever shared within the version it was read from.
/// </summary>
public sealed class PageCache
{
    private const int MaxEntries = 4096;
    private readonly Lock _lock = new();
    private Generation _current = new("", long.MinValue);

    /// <summary>The generation of <paramref name="version"/>, for a transaction begun after timestamp <paramref name="started"/>.</summary>
    public Generation For(string version, long started)
    {
        lock (_lock)
        {
            if (version == _current.Version && _current.Count < MaxEntries) return _current;
            if (started < _current.Started && version != _current.Version) return new Generation(version, started);
            return _current = new Generation(version, started);
        }
    }

    public sealed class Generation(string version, long started)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object?>> _entries = new(StringComparer.Ordinal);

        public string Version => version;
        public long Started => started;
        public int Count => _entries.Count;

        public T Get<T>(string key, Func<T> compute)
        {
            var lazy = _entries.GetOrAdd(key, _ => new Lazy<object?>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return (T)lazy.Value!;
            }
            catch
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<object?>>(key, lazy));
                throw;
            }
        }
    }
}
