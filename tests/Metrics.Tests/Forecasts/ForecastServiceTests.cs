using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Generation;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Forecasts;

public class ForecastServiceTests
{
    [Fact]
    public void Forecast_BeatsLinearPace_WhenDistrictsRushAtYearEnd()
    {
        using var db = new TestDb();
        GeneratedHistory.Load(db, 2021, 2024, 0.3, 7);
        var rows = db.Host.Services.GetRequiredService<ForecastService>().Forecast(db.Connection, new ForecastQuery(2024, 9, "district"));
        var actual = db.Host.Services.GetRequiredService<IndicatorService>()
            .Compute(db.Connection, new IndicatorQuery(2024, 12, "district")).ToDictionary(r => r.RegionCode);
        var city = Hangzhou.Districts.Select(d => d.Code).ToList();
        var rushing = city.Where((_, i) => HistoryGenerator.TrendOf(i) == HistoryGenerator.Trend.YearEndRush).ToList();
        Assert.Equal(3, rushing.Count);
        double forecastError = 0, paceError = 0;
        foreach (var code in rushing)
        {
            var row = rows.Single(r => r.RegionCode == code);
            var december = Hours(actual[code]);
            forecastError += Math.Abs(row.TotalHours.Expected - december);
            paceError += Math.Abs(row.TotalHoursNow * 12 / 9 - december);
            Assert.InRange(december, row.TotalHours.Low * 0.9, row.TotalHours.High * 1.1);
        }
        // The rush (November ×1.6, December ×2.8) is in last year's shape: linear pace misses it by far more.
        Assert.True(forecastError < 0.5 * paceError, $"forecast error {forecastError:F0} h, linear pace {paceError:F0} h");
    }

    [Fact]
    public void Forecast_FallsBackToLinearPace_WithOneYearOfHistory()
    {
        using var db = new TestDb();
        GeneratedHistory.Load(db, 2024, 2024, 0.2, 3);
        var rows = db.Host.Services.GetRequiredService<ForecastService>().Forecast(db.Connection, new ForecastQuery(2024, 6, "district"));
        Assert.Equal(13, rows.Count);
        Assert.All(rows, r => Assert.Equal("linear_pace (one year of history, no backtest)", r.Method));
        Assert.All(rows, r => Assert.Equal(r.TotalHoursNow * 2, r.TotalHours.Expected, 6)); // 6 months → × 12 / 6
        Assert.All(rows, r => Assert.True(r.TotalHours.Low <= r.TotalHours.Expected && r.TotalHours.Expected <= r.TotalHours.High));
    }

    [Fact]
    public void Load_ReadsNothingAfterThrough()
    {
        using var db = new TestDb();
        GeneratedHistory.Load(db, 2023, 2024, 0.2, 5);
        var history = ForecastHistory.Load(db.Connection, 2024, 9);
        var city = history.Series("330100", 2024)!;
        for (var m = 10; m <= 12; m++) Assert.True(double.IsNaN(city[m, 2]), $"month {m} was read");
        Assert.True(city[9, 2] > 0);
        Assert.Equal(2023, history.FirstYear);
    }

    private static double Hours(IndicatorRow r) => (double)r.TotalHours.Num / (double)r.TotalHours.Den;
}
