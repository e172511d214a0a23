using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VolunteerStats.Dashboard.Pages;
using VolunteerStats.Ingest;
using VolunteerStats.Metrics;
using VolunteerStats.Reports;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Dashboard.Hosting;

namespace VolunteerStats.Dashboard;

/// <summary>What <c>./volstats serve</c> was asked for; <see cref="Settings"/> adds configuration overrides (tests).</summary>
public sealed record ServeSettings(string Urls, string DataDirectory, string DatabasePath, bool LoadSample = true,
    string Storage = "inmemory", string? PostgresConnection = null)
{
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>The composition root of the server: one ASP.NET Core process that owns the DuckDB file and runs the Hangfire server.</summary>
public static class ServerHost
{
    /// <summary>
    /// The thread pool's floor: an ingest's reader and judges and the answers' DuckDB reads block pool threads for
    /// seconds; with the default floor (one per core) requests then queued until the pool grew (measured: /health
    /// stalled for hundreds of ms when a file started loading).
    /// </summary>
    public const int MinPoolThreads = 32;

    public static WebApplication Build(ServeSettings serve)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinPoolThreads) ThreadPool.SetMinThreads(MinPoolThreads, io);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(serve.Settings)
        {
            ["Database:Path"] = serve.DatabasePath,
            ["Server:DataDirectory"] = serve.DataDirectory,
            ["Server:LoadSample"] = serve.LoadSample ? "true" : "false",
            ["Server:Storage"] = serve.Storage,
            ["Server:PostgresConnection"] = serve.PostgresConnection,
        });
        builder.WebHost.UseUrls(serve.Urls);
        builder.Logging.AddVolunteerStatsConsole(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Hangfire", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical); // a failed start is reported once, by the CLI
        builder.AddIngest();
        builder.AddMetrics();
        builder.AddReports();
        builder.AddDashboard();
        builder.AddDashboardPages();
        var app = builder.Build();
        app.UseDashboardAssets(); // before authentication: static assets answer without a session (CONTRACT §9)
        app.UseDashboardAuth();
        app.MapDashboard();
        app.MapDashboardPages();
        return app;
    }

    /// <summary>
    /// Runs the server until <paramref name="ct"/> is cancelled or the process is asked to stop (Ctrl+C, SIGTERM).
    /// Returns 0, or 1 when the start failed after listening began (the cause is logged).
    /// </summary>
    public static async Task<int> RunAsync(ServeSettings serve, CancellationToken ct = default)
    {
        await using var app = Build(serve);
        try
        {
            await app.StartAsync(ct);
        }
        catch (OperationCanceledException) when (app.Services.GetRequiredService<Hosting.ServerReadiness>().Failure is not null)
        {
            return 1; // the pipeline failed (and stopped the app) while the rest was still starting; the cause is logged
        }
        await app.WaitForShutdownAsync(ct);
        return app.Services.GetRequiredService<Hosting.ServerReadiness>().Failure is null ? 0 : 1;
    }
}
