using Hangfire;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Inbox;
using VolunteerStats.Dashboard.Quality;
using VolunteerStats.Dashboard.Reports;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Ingest.Loading;

namespace VolunteerStats.Dashboard.Hosting;

/// <summary>
/// Starts the pipeline: opens the database for writing before anything listens (a database held by another process
/// stops the start with a clear error), then loads the sample into an empty database, registers the recurring jobs,
/// starts the inbox watcher, scans the inbox once and reports ready.
/// </summary>
public sealed class ServerStartup(
    DatabaseWriter writer,
    FileIngestor ingestor,
    InboxFolders folders,
    InboxWatcher watcher,
    IBackgroundJobClient client,
    IRecurringJobManager recurring,
    ServerReadiness readiness,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<ServerOptions> options,
    IOptions<JobOptions> jobs,
    IOptions<InboxOptions> inbox,
    Caching.ComputeAhead computeAhead,
    ILogger<ServerStartup> logger) : BackgroundService
{
    public const string InboxScanJob = "inbox-scan";
    public const string QualitySnapshotJob = "quality-snapshot";
    public const string MonthlyReportJob = "monthly-indicators";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        folders.Create();
        // The server's ingests leave a core to the requests (InboxJobs sets DuckDB's threads to match).
        ingestor.MaxThreads = inbox.Value.IngestThreads;
        await writer.WriteAsync(_ => { }, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await StartPipelineAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical(e, "The server could not start: {Message}", e.Message);
            readiness.Fail(e);
            lifetime.StopApplication();
        }
    }

    private async Task StartPipelineAsync(CancellationToken stoppingToken)
    {
        // Publish the readers' snapshot at every start, not only after a change: a database made by the CLI, or
        // one whose last snapshot a crash cut short, must be readable beside the server from the first minute.
        int? latestYear = null;
        await writer.WriteAsync(connection =>
        {
            LoadSampleIfEmpty(connection);
            writer.Database.PublishSnapshot(connection);
            latestYear = connection.Scalar<int?>("SELECT max(year(service_date))::INTEGER FROM service_records");
        }, stoppingToken);

        var zone = new RecurringJobOptions { TimeZone = jobs.Value.Zone };
        recurring.AddOrUpdate<InboxJobs>(InboxScanJob, j => j.Scan(), jobs.Value.InboxScanCron, zone);
        recurring.AddOrUpdate<QualityJobs>(QualitySnapshotJob, j => j.Snapshot(CancellationToken.None), jobs.Value.QualitySnapshotCron, zone);
        recurring.AddOrUpdate<MonthlyReportJobs>(MonthlyReportJob, j => j.ComputeLastMonth(CancellationToken.None), jobs.Value.MonthlyReportCron, zone);

        watcher.Start();
        client.Enqueue<InboxJobs>(j => j.Scan());
        readiness.MarkReady();

        await WaitAsync(lifetime.ApplicationStarted, stoppingToken);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // URLs that answer as printed: the latest year with service records (else this year), not a placeholder.
        var year = latestYear ?? DateTime.UtcNow.Year;
        foreach (var url in addresses)
            logger.LogInformation(
                "VolunteerStats server ready. Open {Url}/ (dashboard), {Url}/api/indicators?year={Year}&level=district&format=csv, {Url}/api/ingests, {Url}/api/quality, {Url}/hangfire (jobs), {Url}/health",
                url, url, year, url, url, url, url);
        logger.LogInformation("Drop export files into {Inbox}; loaded files go to {Archive}, unreadable ones to {Failed}",
            folders.Inbox, folders.Archive, folders.Failed);
        // The default views (the big screen's stars and 志愿者构成 among them), computed before the first request asks.
        await computeAhead.AtStartAsync();
    }

    private void LoadSampleIfEmpty(DuckDB.NET.Data.DuckDBConnection connection)
    {
        var o = options.Value;
        if (!o.LoadSample || connection.Scalar<long>("SELECT count(*) FROM files") > 0) return;
        if (!Directory.Exists(o.SampleDirectory))
        {
            logger.LogInformation("No bundled sample at {Sample}; starting with an empty database", o.SampleDirectory);
            return;
        }
        var files = Directory.EnumerateFiles(o.SampleDirectory).Where(p => InboxFolders.IsCandidate(Path.GetFileName(p)))
            .Order(StringComparer.Ordinal).ToList();
        logger.LogInformation("Empty database: loading the bundled sample ({Count} files from {Sample})", files.Count, o.SampleDirectory);
        foreach (var file in files)
        {
            try
            {
                ingestor.Ingest(connection, file);
            }
            catch (IngestFailedException e)
            {
                logger.LogWarning("Sample file skipped: {Message}", e.Message);
            }
        }
    }

    private static async Task WaitAsync(CancellationToken signal, CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource();
        using var a = signal.Register(() => done.TrySetResult());
        using var b = stoppingToken.Register(() => done.TrySetCanceled(stoppingToken));
        await done.Task;
    }
}
