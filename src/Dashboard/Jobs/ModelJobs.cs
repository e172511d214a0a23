using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Jobs;

/// <summary>
/// Keeps the models' answers current: nightly (and at start), when the data changed since, it trains the forecast
/// models again for the year of the latest data and checks that year's hours for padding (the flags are stored,
/// <see cref="AnomalyStore"/>), so that <c>forecast</c>, <c>quality</c>, the briefing, the API and the dashboard
/// answer without training or scoring. With nothing new it only compares fingerprints.
/// </summary>
public sealed class ModelJobs(
    DatabaseWriter writer, IndicatorService indicators, ForecastService forecasts, AnomalyService anomalies, TimeProvider clock, ILogger<ModelJobs> logger)
{
    public const string RetrainJob = "forecast-models";
    public const string Cron = "30 3 * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [300, 1800])]
    public async Task<string> Retrain(CancellationToken ct)
    {
        var read = await writer.ReadAsync(connection =>
        {
            var latest = connection.Scalar<DateOnly?>("SELECT max(service_date) FROM service_records");
            if (latest is not { } d) return null;
            var through = indicators.DefaultThrough(connection, d.Year);
            return new { Fingerprint = ForecastModelStore.Fingerprint(connection), History = ForecastHistory.Load(connection, d.Year, through) };
        }, ct);
        if (read is null) return "no service records: nothing to train";
        var hours = await CheckHours(read.History.Year, ct); // first: a year too short to train on still gets its flags
        var started = clock.GetTimestamp();
        var training = forecasts.Training(read.Fingerprint, read.History, ct);
        var message = $"forecast models for {read.History.Year}: trained {training.TrainedAt:yyyy-MM-dd HH:mm} UTC on {string.Join(",", training.TrainingYears)}";
        logger.LogInformation("Forecast models checked in {Seconds:F1} s: {Message}", clock.GetElapsedTime(started).TotalSeconds, message);
        return message + "; " + hours;
    }

    /// <summary>Scores the year's hours for padding unless the stored check is of the current data; stores the flags.</summary>
    private async Task<string> CheckHours(int year, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var found = await writer.ReadAsync(connection =>
        {
            if (AnomalyStore.Load(connection, year) is { Current: true } stored) return (Stored: stored, Version: "", Through: 0, Flags: (List<AnomalyFlag>?)null);
            var version = AnomalyStore.DataVersion(connection);
            var through = indicators.DefaultThrough(connection, year);
            return (Stored: (AnomalyCheck?)null, Version: version, Through: through, Flags: anomalies.Find(connection, new AnomalyQuery(year, through), ct));
        }, ct);
        if (found.Stored is { } current) return $"hours of {year} checked at {current.CheckedAtUtc:yyyy-MM-dd HH:mm} UTC, nothing new";
        await writer.WriteAsync(connection =>
        {
            // Files loaded while scoring make this check stale at once; it is stored as of the version it read.
            AnomalyStore.Save(connection, year, found.Through, found.Flags!, clock.GetUtcNow().UtcDateTime, found.Version);
            writer.Database.PublishSnapshot(connection);
        }, ct);
        var message = $"hours of {year} through month {found.Through}: {found.Flags!.Count} flags";
        logger.LogInformation("Suspicious hours checked in {Seconds:F1} s: {Message}", clock.GetElapsedTime(started).TotalSeconds, message);
        return message;
    }

    /// <summary>Registers the nightly retraining (in the jobs' time zone) and runs it once at start.</summary>
    public sealed class Schedule(IRecurringJobManager recurring, IBackgroundJobClient client, IOptions<JobOptions> jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate<ModelJobs>(RetrainJob, j => j.Retrain(CancellationToken.None), Cron, new RecurringJobOptions { TimeZone = jobs.Value.Zone });
            client.Schedule<ModelJobs>(j => j.Retrain(CancellationToken.None), TimeSpan.FromMinutes(2));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
