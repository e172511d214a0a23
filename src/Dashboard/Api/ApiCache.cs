using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Caching;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Api;

/// <summary>One API answer as bytes: status, content type and body, exactly as the endpoint wrote it.</summary>
public sealed record ApiAnswer(int Status, string? ContentType, byte[] Body)
{
    /// <summary>What the answer costs the cache: its body and a little for the record and its key.</summary>
    public long Weight => Body.Length + 256;

    /// <summary>Writes <paramref name="result"/> (a TypedResults answer) to bytes, with the app's JSON options.</summary>
    public static async Task<ApiAnswer> RenderAsync(IResult result, IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return new ApiAnswer(http.Response.StatusCode, http.Response.ContentType, body.ToArray());
    }
}

/// <summary>
/// The read-only GET answers of the API (<c>/api/indicators</c>, <c>/api/regions…</c>, <c>/api/stars</c>,
/// <c>/api/demographics</c>), cached per data version with stale-while-revalidate (<see cref="AnswerCache{T}"/>), keyed
/// by the route, the user's region limit and the query's parameters (an empty one as absent). An answer is computed in
/// one read transaction with the version it is stored under, for the user's region limit only; after a change a request
/// waits at most <see cref="ServerOptions.FreshWait"/> for the new answer, then gets the previous one. Bounded to
/// <see cref="Capacity"/> bytes of answers. Every answer carries <c>X-Data-Version</c> (and <c>X-Data-Stale: 1</c> while a
/// newer one is being computed).
/// </summary>
public sealed class ApiCache(DatabaseWriter writer, DataVersions versions, IServiceProvider services, IOptions<ServerOptions> options, TimeProvider clock,
    ILogger<ApiCache> logger)
{
    /// <summary>64 MiB of answers (a district CSV of a city is about 3 KB; the whole region tree a few hundred KB).</summary>
    public const long Capacity = 64L << 20;

    public const string VersionHeader = "X-Data-Version", StaleHeader = "X-Data-Stale";

    private readonly AnswerCache<ApiAnswer> _answers = new(Capacity, a => a.Weight, options.Value.FreshWait, clock, logger, options.Value.JoinWait);

    internal AnswerCache<ApiAnswer> Answers => _answers;

    /// <summary>The key of an answer: route, region limit ("*" for none) and the parameters, empty ones as absent.</summary>
    public static string Key(string route, string? limit, params string?[] args) =>
        string.Join('\u001f', [route, limit ?? "*", .. args.Select(a => ApiRequest.Given(a) ?? "")]);

    /// <summary>
    /// The answer of <paramref name="read"/> for this user's region limit and these parameters, from the cache.
    /// <paramref name="read"/> must depend on nothing but the connection, the access and the values it closes over
    /// (never the request: it may run after the request that started it has ended).
    /// </summary>
    public async Task<IResult> AnswerAsync(HttpContext http, string route, string?[] args, Func<DuckDBConnection, RegionAccess, IResult> read)
    {
        var limit = RegionScope.LimitOf(http.User);
        var current = await versions.CurrentAsync(http.RequestAborted);
        var served = await _answers.GetAsync(Key(route, limit, args), current, () => ComputeAsync(limit, read), http.RequestAborted);
        return new CachedResult(served);
    }

    private async Task<(DataVersion, ApiAnswer)> ComputeAsync(string? limit, Func<DuckDBConnection, RegionAccess, IResult> read)
    {
        var started = clock.GetTimestamp();
        var (version, result) = await writer.ReadAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var version = DataVersion.Read(connection);
            IResult result;
            try
            {
                result = read(connection, RegionScope.For(limit, connection));
            }
            catch (Exception e) when (ApiRequest.Answer(e) is { } answer)
            {
                result = answer;
            }
            transaction.Commit();
            return (version, result);
        }, CancellationToken.None);
        versions.Observe(version, started);
        return (version, await ApiAnswer.RenderAsync(result, services));
    }

    /// <summary>A cached answer written to the response with its data version.</summary>
    private sealed class CachedResult(Served<ApiAnswer> served) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var answer = served.Value;
            http.Response.StatusCode = answer.Status;
            if (answer.ContentType is not null) http.Response.ContentType = answer.ContentType;
            http.Response.Headers[VersionHeader] = served.Version.Value;
            if (served.Stale) http.Response.Headers[StaleHeader] = "1";
            http.Response.ContentLength = answer.Body.Length;
            await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
        }
    }
}
