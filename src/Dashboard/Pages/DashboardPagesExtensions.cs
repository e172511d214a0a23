using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using VolunteerStats.Dashboard.Pages.Overview;
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
        return builder;
    }

    /// <summary>
    /// Serves <c>wwwroot</c> (CSS, scripts, the vendored ECharts) and maps the pages: <c>/</c>, <c>/ranking</c>,
    /// <c>/regions/{code}</c>, <c>/stars</c>, <c>/quality</c>, <c>/upload</c>, <c>/screen</c>.
    /// </summary>
    public static WebApplication MapDashboardPages(this WebApplication app)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(webRoot),
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", OverviewPage.Get);
        pages.MapGet("/ranking", RankingPage.Get);
        pages.MapGet("/regions/{code}", RegionPage.Get);
        return app;
    }
}
