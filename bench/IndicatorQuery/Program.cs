using System.Diagnostics;
using DuckDB.NET.Data;
using VolunteerStats.Metrics.Indicators;

// In-process time of one month's indicators per level, served from the monthly table (no process start).
// Usage: dotnet run -c Release --project bench/IndicatorQuery -- DB YEAR MONTH
//        … -- DB YEAR MONTH --raw SQLFILE LEVEL   runs one hand-written query (bench/indicators_raw.sql) on the raw
//                                                 tables and prints its CSV; the time goes to standard error.
var (db, year, month) = (args[0], int.Parse(args[1]), int.Parse(args[2]));
using var connection = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
connection.Open();
if (args.Length == 6 && args[3] == "--raw")
{
    var watch = Stopwatch.StartNew();
    using var command = connection.CreateCommand();
    command.CommandText = File.ReadAllText(args[4]);
    command.Parameters.Add(new DuckDBParameter("year", year));
    command.Parameters.Add(new DuckDBParameter("month", month));
    command.Parameters.Add(new DuckDBParameter("level", args[5]));
    using var reader = command.ExecuteReader();
    Console.WriteLine("region_code,registered,active,total_hours");
    while (reader.Read())
        Console.WriteLine(string.Join(",", Enumerable.Range(0, reader.FieldCount)
            .Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
    Console.Error.WriteLine($"raw query: {watch.Elapsed.TotalMilliseconds:F0} ms");
    return;
}
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
