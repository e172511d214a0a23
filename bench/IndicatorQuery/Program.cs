using System.Diagnostics;
using DuckDB.NET.Data;
using VolunteerStats.Metrics.Indicators;

// In-process time of one month's indicators per level, served from the monthly table (no process start).
// Usage: dotnet run -c Release --project bench/IndicatorQuery -- DB YEAR MONTH
var (db, year, month) = (args[0], int.Parse(args[1]), int.Parse(args[2]));
using var connection = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
connection.Open();
var service = new IndicatorService();
foreach (var level in IndicatorService.Levels)
{
    var times = new List<double>();
    var count = 0;
    for (var i = 0; i < 7; i++)
    {
        var watch = Stopwatch.StartNew();
        count = service.Compute(connection, new IndicatorQuery(year, month, level)).Count;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{level,-10} {count,5} regions  median {times[3],6:F1} ms  (min {times[0]:F1}, max {times[^1]:F1})");
}
