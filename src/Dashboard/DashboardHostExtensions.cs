using System.Text.Encodings.Web;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Api;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Dashboard.Inbox;
using VolunteerStats.Dashboard.Quality;
using VolunteerStats.Dashboard.Reports;
using VolunteerStats.Dashboard.Users;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard;

public static class DashboardHostExtensions
{
    /// <summary>
    /// Registers the server: the single DuckDB writer, the inbox watcher and jobs, Hangfire (storage, one ingest
    /// worker, workers for scans and reports) and the startup. Configuration: <c>Server</c>, <c>Inbox</c>, <c>Jobs</c>.
    /// Call <c>AddIngest()</c> and <c>AddMetrics()</c> first.
    /// </summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerOptions>().BindConfiguration("Server")
            .Validate(o => o.Storage is "inmemory" or "postgres", "Server:Storage (--storage) must be inmemory or postgres.")
            .Validate(o => o.Storage != "postgres" || !string.IsNullOrWhiteSpace(o.PostgresConnection),
                "--storage postgres needs a connection string: --pg \"Host=…;Username=…;Database=…\" (Server:PostgresConnection).")
            .Validate(o => o.FreshWait >= TimeSpan.Zero && o.JoinWait >= TimeSpan.Zero, "Server:FreshWait and Server:JoinWait must not be negative.")
            .ValidateOnStart();
        services.AddOptions<InboxOptions>().BindConfiguration("Inbox")
            .Validate(o => o.SettleTime > TimeSpan.Zero && o.SettleTime <= TimeSpan.FromMinutes(10), "Inbox:SettleTime must be between 0 and 10 minutes.")
            .Validate(o => o.SettlePollInterval > TimeSpan.Zero && o.SettlePollInterval <= o.SettleTime, "Inbox:SettlePollInterval must be positive and at most Inbox:SettleTime.")
            .Validate(o => o.IngestThreads is >= 1 and <= 64, "Inbox:IngestThreads must be between 1 and 64.")
            .Validate(o => o.IngestNice is >= 0 and <= 19, "Inbox:IngestNice must be between 0 and 19.")
            .ValidateOnStart();
        services.AddOptions<JobOptions>().BindConfiguration("Jobs")
            .Validate(o => JobOptions.IsKnownZone(o.TimeZone), "Jobs:TimeZone is not a time zone known to this machine (e.g. Asia/Shanghai).")
            .Validate(o => o.SchedulePollingInterval >= TimeSpan.FromSeconds(1) && o.SchedulePollingInterval <= TimeSpan.FromMinutes(1),
                "Jobs:SchedulePollingInterval must be between 1 second and 1 minute.")
            .Validate(o => o.QueuePollInterval >= TimeSpan.FromMilliseconds(200) && o.QueuePollInterval <= TimeSpan.FromMinutes(1),
                "Jobs:QueuePollInterval must be between 200 ms and 1 minute.")
            .Validate(o => o.WorkerCount is >= 1 and <= 16, "Jobs:WorkerCount must be between 1 and 16.")
            .ValidateOnStart();

        services.AddSingleton<DatabaseWriter>();
        services.AddSingleton<Caching.DataVersions>();
        services.AddSingleton<ApiCache>();
        services.AddSingleton<Caching.ComputeAhead>();
        services.AddSingleton<InboxFolders>();
        services.AddSingleton<InboxQueue>();
        services.AddSingleton<InboxWatcher>();
        services.AddSingleton<ServerReadiness>();
        services.AddTransient<InboxJobs>();
        services.AddTransient<QualityJobs>();
        services.AddTransient<MonthlyReportJobs>();
        services.AddTransient<ForecastTrainer>().AddDashboardOpenApi();
        builder.AddDashboardAuth();
        services.AddTransient<Jobs.ModelJobs>().AddHostedService<Jobs.ModelJobs.Schedule>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        // Registered before the Hangfire servers so that the database is open before any job runs.
        services.AddHostedService<ServerStartup>();
        services.AddHangfire((sp, config) =>
        {
            var server = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (server.Storage == "postgres")
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(server.PostgresConnection),
                    new PostgreSqlStorageOptions
                    {
                        QueuePollInterval = jobs.QueuePollInterval,
                        PrepareSchemaIfNecessary = true,
                        // A lock left by a killed server must not hold up the restarted one for the default 10 minutes;
                        // DuckDB's own file lock already keeps a second process from writing.
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    });
            else
                config.UseInMemoryStorage();
        });
        // Ingests run on one worker so that files load in arrival order; the writer's gate keeps DuckDB to one
        // writer whatever the worker counts, and [DisableConcurrentExecution] does so across servers.
        services.AddHangfireServer((sp, o) =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:ingest";
            o.Queues = [InboxJobs.IngestQueue];
            o.WorkerCount = 1;
            o.SchedulePollingInterval = sp.GetRequiredService<IOptions<JobOptions>>().Value.SchedulePollingInterval;
        });
        services.AddHangfireServer((sp, o) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:default";
            o.Queues = ["default"];
            o.WorkerCount = jobs.WorkerCount;
            o.SchedulePollingInterval = jobs.SchedulePollingInterval;
        });
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (public), <c>/login</c> and <c>/logout</c>, the <c>/api</c> group and the Hangfire dashboard
    /// at <c>/hangfire</c> (admins). Every endpoint needs a signed-in user unless marked <c>AllowAnonymous</c>
    /// (the fallback policy of <see cref="AuthHostExtensions"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ServerReadiness readiness) => readiness.IsReady
            ? Microsoft.AspNetCore.Http.TypedResults.Text("ready\n")
            : Microsoft.AspNetCore.Http.TypedResults.Text("starting\n", statusCode: 503)).AllowAnonymous();
        app.MapLogin();
        app.MapUsersApi();
        app.MapGroup("/api").MapDashboardApi();
        app.MapDashboardOpenApi();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "VolunteerStats jobs",
            Authorization = [new HangfireAdminFilter()],
            AsyncAuthorization = [],
        }).RequireAuthorization(Policies.Admin);
        return app;
    }
}
