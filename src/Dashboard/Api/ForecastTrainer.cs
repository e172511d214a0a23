using Hangfire;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Forecasts;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// Trains the forecast of one year on the server's jobs when <c>/api/forecast</c> is asked for data no stored model
/// covers (the nightly job covers only the latest year): the history is read on a connection of its own and the
/// training runs outside the writer's gate, so ingests never wait for it.
/// </summary>
public sealed class ForecastTrainer(DatabaseWriter writer, ForecastService forecasts, ILogger<ForecastTrainer> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 1)]
    public async Task<string> Train(int year, int through, CancellationToken ct)
    {
        var read = await writer.ReadAsync(connection => (Fingerprint: ForecastModelStore.Fingerprint(connection), History: ForecastHistory.Load(connection, year, through)), ct);
        var training = forecasts.Training(read.Fingerprint, read.History, ct);
        logger.LogInformation("Forecast for {Year} asked through the API: models trained {TrainedAt:yyyy-MM-dd HH:mm} UTC", year, training.TrainedAt);
        return $"forecast models for {year}: trained {training.TrainedAt:yyyy-MM-dd HH:mm} UTC";
    }
}
