using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// The OpenAPI document of the <c>/api/</c> routes at <c>/openapi/v1.json</c>, for signed-in users only (the fallback
/// policy covers it), with the bearer scheme of <c>POST /api/auth/token</c> described and required.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/{documentName}.json";
    public const string SchemeName = "bearer";

    public static IServiceCollection AddDashboardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "VolunteerStats API",
                    Version = "v1",
                    Description = "志愿服务指标 API: every number comes from the same computation as ./volstats indicators. " +
                                  "Sign in with POST /api/auth/token {\"username\",\"password\"}, then send Authorization: Bearer TOKEN. " +
                                  "A user limited to a region gets that region and the regions below it only (403 for another). " +
                                  "An empty parameter takes its default; a bad one is a 400 whose message names it.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The token of POST /api/auth/token (valid 24 hours by default; ends when the user's password, role or region changes). " +
                                  "Pages use the session cookie of /login instead.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapDashboardOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Path);
        return app;
    }
}
