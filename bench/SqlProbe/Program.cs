// Scratch probe for the ingest merge: runs a SQL script statement by statement on one connection, timing each.
// Usage: dotnet run -c Release --project bench/SqlProbe -- DB.duckdb SCRIPT.sql [memory_limit]
// Statements end with ";" at a line end; SELECTs print up to 20 rows. Settings as the loader: memory_limit
// (default 512MB), preserve_insertion_order = false. Wrap a statement in BEGIN; … ROLLBACK; to time it alone.
using System.Diagnostics;
using DuckDB.NET.Data;

var (db, script) = (args[0], File.ReadAllText(args[1]));
var limit = args.Length > 2 ? args[2] : "512MB";
using var connection = new DuckDBConnection($"Data Source={db}");
connection.Open();
Run($"SET memory_limit = '{limit}'");
Run("SET preserve_insertion_order = false");
var total = Stopwatch.StartNew();
foreach (var statement in script.Split(";\n").Select(s => s.Trim()).Where(s => s.Length > 0 && !s.StartsWith("--")))
{
    var sw = Stopwatch.StartNew();
    var result = Run(statement);
    Console.WriteLine($"{sw.Elapsed.TotalSeconds,7:F2}s  {result,-12} {statement.Replace('\n', ' ')[..Math.Min(statement.Length, 110)]}");
}
Console.WriteLine($"{total.Elapsed.TotalSeconds,7:F2}s  total");

string Run(string sql)
{
    using var cmd = connection.CreateCommand();
    cmd.CommandText = sql;
    if (sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase))
    {
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i)?.ToString())));
        if (rows.Count > 0 && rows.Count <= 20) Console.WriteLine("   " + string.Join("\n   ", rows));
        return $"{rows.Count} rows";
    }
    return cmd.ExecuteNonQuery().ToString();
}
