using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VolunteerStats.Dashboard.Tests.Api;

/// <summary>The OpenAPI document: every <c>/api/</c> route in it with a summary, the bearer scheme, signed-in users only.</summary>
[Collection(ApiSiteCollection.Name)]
public sealed class OpenApiTests(ApiSite site)
{
    [Fact]
    public async Task Document_ListsEveryApiRouteWithASummary_AndTheBearerScheme()
    {
        using var json = JsonDocument.Parse(await site.Leader.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject().Select(p => p.Name.TrimEnd('/')).ToHashSet();
        var routes = site.Server.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => (Path: e.RoutePattern.RawText!.TrimEnd('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();

        Assert.True(routes.Count >= 14, $"only {routes.Count} /api/ routes");
        var missing = routes.Where(r => !documented.Contains(r.Path)).Select(r => r.Path).Distinct().ToList();
        Assert.True(missing.Count == 0, "routes missing from /openapi/v1.json: " + string.Join(", ", missing));
        foreach (var path in paths.EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10,
                    $"{operation.Name.ToUpperInvariant()} {path.Name} has no summary");
        var bearer = json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        Assert.Contains("bearer", json.RootElement.GetProperty("security")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Document_IsNotPublic()
    {
        using var anonymous = site.Server.Anonymous();

        using var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location!.OriginalString);
    }
}
