namespace VolunteerStats.Dashboard.Hosting;

/// <summary>What <c>./volstats serve</c> owns: configuration section <c>Server</c>.</summary>
public sealed class ServerOptions
{
    /// <summary>Folder holding <c>inbox/</c>, <c>archive/</c> and <c>failed/</c>. Defaults to <c>data/</c> under <c>VOLSTATS_HOME</c>, else the working directory.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>Folder of the bundled sample, loaded in name order into an empty database. Defaults to <c>data/sample</c> under <c>VOLSTATS_HOME</c>.</summary>
    public string SampleDirectory { get; set; } = Path.Combine(DefaultDataDirectory(), "sample");

    /// <summary>Load the bundled sample into an empty database at startup. Defaults to true.</summary>
    public bool LoadSample { get; set; } = true;

    /// <summary>Hangfire storage: <c>inmemory</c> or <c>postgres</c>. Defaults to <c>inmemory</c>.</summary>
    public string Storage { get; set; } = "inmemory";

    /// <summary>Npgsql connection string, required when <see cref="Storage"/> is <c>postgres</c>.</summary>
    public string? PostgresConnection { get; set; }

    /// <summary>
    /// After the data changed, how long the request that starts the computation of its answer of the new version
    /// waits for it before it is given the previous version's (stale-while-revalidate, Caching/AnswerCache): someone
    /// who opens a view nobody computed yet sees the new numbers, and nobody waits longer than this for a slow
    /// recomputation. Zero: the previous version at once.
    /// </summary>
    public TimeSpan FreshWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a request waits for a computation of its answer that is already running (started by another request,
    /// or ahead of time after an ingest) before it is given the previous version's, marked stale. Defaults to 50 ms:
    /// the many requests that arrive together at a change do not all queue behind one computation. At most
    /// <see cref="FreshWait"/>.
    /// </summary>
    public TimeSpan JoinWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Compute the new version's answers ahead of the requests: after each ingest commits, the answers asked for in
    /// the last <see cref="Caching.ComputeAhead.UsedWithin"/> and the default views (overview, ranking, the big
    /// screen's data, <c>/api/indicators</c>) before the file is reported done; and the default views at start.
    /// Defaults to true.
    /// </summary>
    public bool ComputeAhead { get; set; } = true;

    public string InboxDirectory => Path.Combine(DataDirectory, "inbox");
    public string ArchiveDirectory => Path.Combine(DataDirectory, "archive");
    public string FailedDirectory => Path.Combine(DataDirectory, "failed");

    public static string DefaultDataDirectory() =>
        Path.Combine(Environment.GetEnvironmentVariable("VOLSTATS_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory(), "data");
}

/// <summary>How the inbox is watched: configuration section <c>Inbox</c>.</summary>
public sealed class InboxOptions
{
    /// <summary>A file is taken once its size and time stamp have not changed for this long. Defaults to 2 seconds.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a file still being written is looked at again. Defaults to 250 ms.</summary>
    public TimeSpan SettlePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Threads an inbox ingest may keep busy (its judges, and DuckDB's threads while it runs), so that a core is left
    /// to the requests. Defaults to the cores minus one, at least 1. The command line's <c>ingest</c> is not limited.
    /// </summary>
    public int IngestThreads { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>
    /// The niceness (0–19) of the thread that runs the inbox's ingests (and DuckDB's work on it), on Linux: the
    /// requests' threads go first when the cores are busy. Defaults to 10; 0 leaves it as it is.
    /// </summary>
    public int IngestNice { get; set; } = 10;
}

/// <summary>Hangfire jobs and their schedules: configuration section <c>Jobs</c>. Crons are read in <see cref="TimeZone"/>.</summary>
public sealed class JobOptions
{
    /// <summary>
    /// Time zone of every cron below and of the archive's month folders. Defaults to <c>Asia/Shanghai</c>. The same
    /// setting as the ingest's "today" and a briefing's issue date (<see cref="Ingest.LocalTimeOptions"/>).
    /// </summary>
    public string TimeZone { get; set; } = Ingest.LocalTimeOptions.DefaultZone;

    /// <summary>The inbox scan interval as a cron; the scan also runs at startup. Defaults to every 5 minutes.</summary>
    public string InboxScanCron { get; set; } = "*/5 * * * *";

    /// <summary>Nightly data-quality snapshot. Defaults to 02:30.</summary>
    public string QualitySnapshotCron { get; set; } = "30 2 * * *";

    /// <summary>Monthly indicators of the month just ended. Defaults to 08:00 on the 1st.</summary>
    public string MonthlyReportCron { get; set; } = "0 8 1 * *";

    /// <summary>How often Hangfire looks for scheduled jobs (retries are scheduled jobs). Defaults to 5 seconds.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the PostgreSQL storage polls its queues. Defaults to 2 seconds.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Workers for scans and reports; ingests always run on one worker, in arrival order. Defaults to 2.</summary>
    public int WorkerCount { get; set; } = 2;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    internal static bool IsKnownZone(string id) => Ingest.LocalTimeOptions.IsKnownZone(id);
}
