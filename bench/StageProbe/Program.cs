// Where the CPU of staging goes, on one thread and without a database: reading records, then reading and
// judging them (the loader's Stage), then the keyed hash of ID numbers alone.
// Usage: dotnet run -c Release --project bench/StageProbe -- FILE.csv   (an hours or roster file of bench/ingest.sh)
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Reading;

var path = args[0];
var sw = Stopwatch.StartNew();
long cells = 0;
using (var source = new RecordSource(path))
    foreach (var r in source.Records(path)) cells += r.Cells.Length;
Console.WriteLine($"read only: {sw.Elapsed.TotalSeconds:F2}s ({cells} cells)");

sw.Restart();
HeaderMatch header;
using (var source = new RecordSource(path))
{
    using var e = source.Records(path).GetEnumerator();
    e.MoveNext();
    header = HeaderMatch.Find(e.Current, null) ?? throw new InvalidOperationException("no header in the first row");
    var loader = KindLoader.For(header.Kind);
    var ctx = new RowContext(header, DateOnly.FromDateTime(DateTime.Today), new byte[32]);
    var values = new object?[loader.Columns.Count - 1];
    long rows = 0, rejected = 0;
    while (e.MoveNext())
    {
        ctx.Record = e.Current;
        rows++;
        if (loader.Stage(ctx, values) is not null) rejected++;
    }
    Console.WriteLine($"read + judge: {sw.Elapsed.TotalSeconds:F2}s ({rows} rows, {rejected} rejected), process CPU so far {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2}s");
}

var column = header.Column("id_number");
if (column < 0 || args.Contains("--judge-only")) return;
var ids = new List<string>();
using (var source = new RecordSource(path))
    foreach (var r in source.Records(path).Skip(1)) ids.Add(r.Cell(column));
var key = new byte[32];
Span<byte> buffer = stackalloc byte[256];
Span<byte> hash = stackalloc byte[32];
sw.Restart();
foreach (var id in ids) HMACSHA256.HashData(key, buffer[..Encoding.UTF8.GetBytes(id, buffer)], hash);
Console.WriteLine($"HMACSHA256.HashData, one-shot: {sw.Elapsed.TotalSeconds:F2}s ({ids.Count} ID numbers)");
sw.Restart();
using (var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key))
    foreach (var id in ids)
    {
        hmac.AppendData(buffer[..Encoding.UTF8.GetBytes(id, buffer)]);
        hmac.GetHashAndReset(hash);
    }
Console.WriteLine($"IncrementalHash, reused: {sw.Elapsed.TotalSeconds:F2}s");
var managed = new VolunteerStats.Ingest.Identity.HmacSha256(key);
sw.Restart();
foreach (var id in ids) managed.Hash(buffer[..Encoding.UTF8.GetBytes(id, buffer)], hash);
Console.WriteLine($"HmacSha256 (key state kept; blocks by {(VolunteerStats.Ingest.Identity.HmacSha256.UsesNative ? "OpenSSL's SHA256_Transform" : "managed code")}): {sw.Elapsed.TotalSeconds:F2}s");
var context = new RowContext(header, DateOnly.FromDateTime(DateTime.Today), key);
sw.Restart();
foreach (var id in ids) context.HashIdNumber(id);
Console.WriteLine($"RowContext.HashIdNumber (HmacSha256, hex): {sw.Elapsed.TotalSeconds:F2}s");
