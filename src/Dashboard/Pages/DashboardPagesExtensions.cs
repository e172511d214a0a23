using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using VolunteerStats.Dashboard.Api;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Dashboard.Pages.Admin;
using VolunteerStats.Dashboard.Pages.Overview;
using VolunteerStats.Dashboard.Pages.Quality;
using VolunteerStats.Dashboard.Pages.Screen;
using VolunteerStats.Dashboard.Pages.Stars;
using VolunteerStats.Dashboard.Pages.Upload;
using VolunteerStats.Dashboard.Pages.Ranking;
using VolunteerStats.Dashboard.Pages.Regions;
using VolunteerStats.Dashboard.Pages.Shared;

namespace VolunteerStats.Dashboard.Pages;

/// <summary>The leaders' pages: server-rendered HTML over the same services as the API, assets from <c>wwwroot</c>.</summary>
public static class DashboardPagesExtensions
{
    /// <summary>Registers what the pages read with. Call after <c>AddMetrics()</c>.</summary>
    public static IHostApplicationBuilder AddDashboardPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PageData>();
        builder.Services.AddAntiforgery();
        return builder;
    }

    /// <summary>
    /// Serves <c>wwwroot</c> (CSS, scripts, the vendored ECharts) as a middleware. Call it before authentication:
    /// assets answer without a session (the login page needs <c>/css/site.css</c>), pages do not.
    /// </summary>
    public static WebApplication UseDashboardAssets(this WebApplication app)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(webRoot),
                // Page links carry ?v=…; an hour keeps a big screen from refetching 1 MB of ECharts per reload.
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        return app;
    }

    /// <summary>
    /// Maps the pages: <c>/</c>, <c>/ranking</c>, <c>/regions/{code}</c>, <c>/stars</c>, <c>/quality</c>,
    /// <c>/upload</c> (with <c>/upload/files</c>, <c>/upload/status</c>), <c>/screen</c> (with <c>/screen/data</c>).
    /// </summary>
    public static WebApplication MapDashboardPages(this WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", OverviewPage.Get);
        pages.MapGet("/ranking", RankingPage.Get);
        pages.MapGet("/regions/{code}", RegionPage.Get);
        pages.MapGet("/stars", StarsPage.Get);
        pages.MapGet("/quality", QualityPage.Get);
        pages.MapGet("/upload", UploadPage.Get);
        pages.MapPost("/upload/files", UploadPage.Post);
        pages.MapGet("/upload/status", UploadPage.GetStatus);
        pages.MapGet("/screen", ScreenPage.Get);
        pages.MapGet("/screen/data", ScreenPage.GetData);
        pages.MapGet("/admin/users", UsersPage.Get).RequireAuthorization(Policies.Admin);
        pages.MapPost("/admin/users", UsersPage.Create).RequireAuthorization(Policies.Admin);
        pages.MapPost("/admin/users/{username}", UsersPage.Change).RequireAuthorization(Policies.Admin);
        app.MapDemographicsApi();
        return app;
    }
}
