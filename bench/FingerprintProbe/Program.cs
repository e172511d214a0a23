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

// The same read, building two open-addressing sets of 4M slots as ContentFingerprints does.
for (var round = 0; round < 2; round++)
    Time("both into two sets", $"SELECT content_hash, source_hash FROM {table}", r =>
    {
        var a = new ulong[2 << 22];
        var b = new ulong[2 << 22];
        long n = 0;
        void Add(ulong[] set, Guid g)
        {
            var h = System.Runtime.InteropServices.MemoryMarshal.Cast<Guid, ulong>(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref g, 1));
            var mask = (1 << 22) - 1;
            for (var i = (int)((h[0] ^ (h[1] >> 17)) & (ulong)mask); ; i = (i + 1) & mask)
                if ((set[2 * i] | set[2 * i + 1]) == 0) { set[2 * i] = h[0]; set[2 * i + 1] = h[1]; return; }
        }
        while (r.Read()) { Add(a, r.GetGuid(0)); if (!r.IsDBNull(1)) Add(b, r.GetGuid(1)); n++; }
        return n;
    });
