// How fast the stored hashes of a table come out of DuckDB into .NET, two ways (issue 16: the fingerprints read
// before a file is judged). Usage: dotnet run -c Release --project bench/FingerprintProbe -- DB.duckdb [table]
using System.Diagnostics;
using DuckDB.NET.Data;

var table = args.Length > 1 ? args[1] : "service_records";
using var connection = new DuckDBConnection($"Data Source={args[0]};ACCESS_MODE=READ_ONLY");
connection.Open();
void Time(string what, string sql, Func<DuckDBDataReader, long> read)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    var n = read(reader);
    Console.WriteLine($"{what}: {sw.Elapsed.TotalSeconds:F2}s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2}s CPU, {n} values");
}
for (var round = 0; round < 2; round++)
{
    Time("content_hash GetGuid", $"SELECT content_hash FROM {table}", r => { long n = 0; while (r.Read()) { r.GetGuid(0); n++; } return n; });
    Time("content_hash, source_hash GetGuid+IsDBNull", $"SELECT content_hash, source_hash FROM {table}", r => { long n = 0; while (r.Read()) { r.GetGuid(0); if (!r.IsDBNull(1)) r.GetGuid(1); n++; } return n; });
}
