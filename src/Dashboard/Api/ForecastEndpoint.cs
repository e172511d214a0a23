using System.Security.Claims;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/forecast?year=&amp;through=&amp;level=&amp;parent=&amp;format=csv|json</c>: the year-end forecast of
/// <c>./volstats forecast</c> (CONTRACT §10 columns) from the models stored for the current data. A request never
/// trains in the web request: when no model is stored for the data yet (first start, or just after an ingest) it
/// answers 503 with <c>"trained": false</c>, a message saying so and <c>Retry-After</c>, and queues the training.
/// </summary>
public static class ForecastEndpoint
{
    public sealed record NotTrained(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("trained")] bool Trained,
        [property: JsonPropertyName("year")] int Year);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> LastQueued = new();

    public static Task<IResult> Get(string? year, string? through, string? level, string? parent, string? format,
        HttpContext http, DatabaseWriter writer, IndicatorService indicators, ForecastService forecasts, ForecastModelStore store,
        IBackgroundJobClient jobs, CancellationToken ct) =>
        ApiRequest.ReadAsync(http.User, writer, (connection, access) =>
        {
            var fmt = ApiRequest.Format(format, "csv", "json");
            var (y, month) = ApiRequest.Period(connection, indicators, year, through);
            var query = IndicatorQueryParser.Parse(y.ToString(System.Globalization.CultureInfo.InvariantCulture), null, level, null);
            var parentCode = ApiRequest.Region(connection, access, parent, "parent");
            if (store.TryLoad(y, ForecastModelStore.Fingerprint(connection)) is null)
            {
                Queue(jobs, y, month);
                http.Response.Headers.RetryAfter = "60";
                return TypedResults.Json(new NotTrained(
                    $"年末预测模型尚未按当前数据训练，已开始训练，请约一分钟后重试。No forecast has been trained yet for the current data of {y}: " +
                    "the training has been queued on the server's jobs (it also runs nightly); try again in a minute.", false, y),
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var rows = forecasts.Forecast(connection, new ForecastQuery(y, month, query.Level, parentCode));
            return ApiRequest.Text(ForecastFormats.Render(access.Filter(rows, r => r.RegionCode).ToList(), fmt), fmt);
        }, ct);

    /// <summary>Queues a training at most once a minute (the job itself skips a training already stored).</summary>
    private static void Queue(IBackgroundJobClient jobs, int year, int through)
    {
        var now = Environment.TickCount64;
        if (LastQueued.TryGetValue(year, out var last) && now - last < 60_000) return;
        if (!(last == 0 ? LastQueued.TryAdd(year, now) : LastQueued.TryUpdate(year, now, last))) return;
        jobs.Enqueue<ForecastTrainer>(t => t.Train(year, through, CancellationToken.None));
    }
}
