using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Metrics;

public static class MetricsHostExtensions
{
    /// <summary>Registers the indicator services and the monthly refresh that runs inside every ingest transaction.</summary>
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IIngestObserver, MonthlyRefresher>();
        builder.Services.AddSingleton<IndicatorService>();
        builder.Services.AddSingleton<Quality.QualityService>();
        builder.Services.AddSingleton<Stars.StarService>();
        builder.Services.AddSingleton<Demographics.DemographicsService>();
        builder.Services.AddSingleton<Forecasts.ForecastModelStore>().AddSingleton<Forecasts.ForecastService>().AddSingleton<Anomalies.AnomalyService>();
        return builder;
    }
}
