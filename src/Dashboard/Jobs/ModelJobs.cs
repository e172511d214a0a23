using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Jobs;

/// <summary>
/// Keeps the forecast models current: nightly (and at start), when the data changed since the stored models were
/// trained, it trains them again for the year of the latest data, so that <c>forecast</c>, the API and the
/// dashboard answer without training. With nothing new it only checks the fingerprint.
/// </summary>
public sealed class ModelJobs(DatabaseWriter writer, IndicatorService indicators, ForecastService forecasts, TimeProvider clock, ILogger<ModelJobs> logger)
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
        var started = clock.GetTimestamp();
        var training = forecasts.Training(read.Fingerprint, read.History, ct);
        var message = $"forecast models for {read.History.Year}: trained {training.TrainedAt:yyyy-MM-dd HH:mm} UTC on {string.Join(",", training.TrainingYears)}";
        logger.LogInformation("Forecast models checked in {Seconds:F1} s: {Message}", clock.GetElapsedTime(started).TotalSeconds, message);
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
