using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using VolunteerStats.Generation;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Forecasts;

/// <summary>
/// The speed figures of issue 15, as a Markdown table on standard output (for bench/README.md, "ML: training and
/// scoring"): training plus backtest of the forecast models for a city, and scoring a city-year with `anomalies`.
/// Generated data is kept in bench/out/ml (score-SCALE, forecast-bench) and reused on the next run.
/// </summary>
static class BenchReport
{
    public static void Run(string work, double scale, int seed, int forecastSeed, int repeats, string only)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<string>();

        if (only != "anomalies")
        using (var ws = new Workspace(work, "forecast-bench", new HistoryOptions("", 2019, 2024, 1, forecastSeed, 0, new DateOnly(2025, 6, 1)), reuse: true))
        {
            var history = ForecastHistory.Load(ws.Connection, 2024, 9);
            for (var i = 0; i < repeats; i++)
            {
                var (load, watch, cpu) = Start();
                var training = Backtest.Run(history, DateTimeOffset.UtcNow, CancellationToken.None);
                rows.Add($"| forecast: training + backtest, 杭州市 2019–2024 ({history.Regions.Count} regions, {training.Points.Count:N0} backtest forecasts) | " +
                    $"{watch.Elapsed.TotalSeconds:F1} | {(Cpu() - cpu).TotalSeconds:F1} | {load} | ≤ 60 s |");
            }
        }

        var options = new HistoryOptions("", 2023, 2024, scale, seed, 0.005, new DateOnly(2025, 6, 1));
        if (only != "forecast")
        using (var ws = new Workspace(work, $"score-{scale.ToString(inv)}", options, reuse: true, logLevel: LogLevel.Debug))
        {
            var year = ws.Connection.Query("SELECT count(*) FROM service_records WHERE year(service_date) = 2024").Select(r => r.GetInt64(0)).Single();
            Console.Error.WriteLine($"bench: {year:N0} records in 2024, {ws.Records:N0} in all (generated in {ws.GenerateTime.TotalSeconds:F0} s, ingested in {ws.IngestTime.TotalSeconds:F0} s)");
            for (var i = 0; i < repeats; i++)
            {
                var (load, watch, cpu) = Start();
                var flags = ws.Get<AnomalyService>().Find(ws.Connection, new AnomalyQuery(2024, 12));
                rows.Add($"| anomalies: scoring 2024 at scale {scale.ToString(inv)} ({year:N0} records of 2024, {ws.Records:N0} with 2023; {flags.Count} flags) | " +
                    $"{watch.Elapsed.TotalSeconds:F1} | {(Cpu() - cpu).TotalSeconds:F1} | {load} | ≤ 30 s |");
            }
        }

        Console.WriteLine($"## ML bench ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
        Console.WriteLine("| step | wall s | CPU s | load at start | target |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var row in rows) Console.WriteLine(row);
    }

    private static (string Load, Stopwatch Watch, TimeSpan Cpu) Start() =>
        (File.ReadAllText("/proc/loadavg").Split(' ')[0], Stopwatch.StartNew(), Cpu());

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
