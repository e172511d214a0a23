// Baseline for bench/ingest.sh: DuckDB's own CSV reader loading a file into a fresh database file, nothing else.
// Usage: dotnet ReadCsvBaseline.dll DB.duckdb FILE.csv  →  prints "rows=N seconds=S rows_per_s=R"
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ReadCsvBaseline DB.duckdb FILE.csv");
    return 64;
}
var (db, csv) = (args[0], args[1]);
foreach (var f in new[] { db, db + ".wal" })
    if (File.Exists(f)) File.Delete(f);

var clock = Stopwatch.StartNew();
using var connection = new DuckDBConnection($"Data Source={db}");
connection.Open();
using (var create = connection.CreateCommand())
{
    // The path is a constant of this run, not user input; read_csv takes no parameter for it in a CREATE AS.
    create.CommandText = $"CREATE TABLE t AS SELECT * FROM read_csv('{csv.Replace("'", "''")}')";
    create.ExecuteNonQuery();
}
using var count = connection.CreateCommand();
count.CommandText = "SELECT count(*) FROM t";
var rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
connection.Close();
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows={rows} seconds={seconds:F2} rows_per_s={rows / seconds:F0}"));
return 0;
