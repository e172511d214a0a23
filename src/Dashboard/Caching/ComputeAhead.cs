using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Api;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Caching;

/// <summary>
/// Computes answers before anyone asks (<see cref="ServerOptions.ComputeAhead"/>), so that the first request after a
/// start or a change finds them: (1) the answers of the pages and the API asked for in the last
/// <see cref="UsedWithin"/>, each with the computation that made it (same route, query and region limit: a limited
/// user's answer is computed for their limit, under their key); (2) the default views (<see cref="DefaultViews"/>:
/// overview, ranking, the big screen's data, <c>/api/indicators</c>) as an unlimited user of each role sees them,
/// through the app's own endpoints, as a request would (the shared pieces of the version, regions, indicator rows,
/// stars, 志愿者构成, are computed once on the way). Nothing is computed twice: a request that arrives meanwhile joins
/// the computation under way.
/// </summary>
public sealed class ComputeAhead(PageData pages, ApiCache api, IServiceProvider services, IOptions<ServerOptions> options,
    ILogger<ComputeAhead> logger)
{
    /// <summary>Answers asked for within this long are computed again ahead after a change.</summary>
    public static readonly TimeSpan UsedWithin = TimeSpan.FromMinutes(15);

    /// <summary>At most this many answers of each cache are computed ahead (the most recently used).</summary>
    public const int MaxRecent = 64;

    /// <summary>The views computed ahead even when nobody asked for them yet, with their defaults.</summary>
    public static readonly string[] DefaultViews = ["/", "/ranking", "/screen/data", "/api/indicators"];

    private const string Scheme = "ahead";

    public bool Enabled => options.Value.ComputeAhead;

    /// <summary>
    /// After the data changed to <paramref name="version"/>: the recently used answers and the default views, computed
    /// for that version. Completes when they are (failures are logged, never thrown).
    /// </summary>
    public async Task AfterChangeAsync(DataVersion version)
    {
        if (!Enabled) return;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (pageCount, pagesDone) = pages.Models.RefreshAsync(version, UsedWithin, MaxRecent);
        var (apiCount, apiDone) = api.Answers.RefreshAsync(version, UsedWithin, MaxRecent);
        await Task.WhenAll(pagesDone, apiDone, DefaultViewsAsync());
        logger.LogInformation("Computed ahead for data version {Version}: {Pages} pages and {Api} API answers recently asked for, and the default views, in {Ms:F0} ms",
            version, pageCount, apiCount, started.Elapsed.TotalMilliseconds);
    }

    /// <summary>The default views of the current version (at start). Completes when they are computed.</summary>
    public async Task AtStartAsync()
    {
        if (!Enabled) return;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await DefaultViewsAsync();
        logger.LogInformation("Computed the default views ahead in {Ms:F0} ms", started.Elapsed.TotalMilliseconds);
    }

    /// <summary>Each default view for an unlimited user of each role, all at once (they share the version's pieces).</summary>
    private Task DefaultViewsAsync()
    {
        var endpoints = services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        return Task.WhenAll(Roles.All.SelectMany(role => DefaultViews.Select(async path =>
        {
            var endpoint = endpoints.FirstOrDefault(e => e.RoutePattern.RawText == path && e.RequestDelegate is not null
                && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) ?? false));
            if (endpoint is null) return;
            try
            {
                await RunAsync(endpoint, path, role);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Computing {Path} ahead failed", path);
            }
        })));
    }

    /// <summary>The endpoint's own code on a request of its own: GET <paramref name="path"/> by an unlimited user of <paramref name="role"/>.</summary>
    private async Task RunAsync(RouteEndpoint endpoint, string path, string role)
    {
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = HttpMethods.Get;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = path;
        http.SetEndpoint(endpoint);
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "(computed ahead)"), new Claim(ClaimTypes.Role, role)], Scheme, ClaimTypes.Name, ClaimTypes.Role));
        http.Response.Body = Stream.Null;
        await endpoint.RequestDelegate!(http);
    }
}
