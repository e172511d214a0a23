using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Cli.Commands;

/// <summary><c>./volstats ingest [--kind K] [--format text|json] FILE...</c>: files loaded in the order given.</summary>
public static class IngestCommand
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(ParsedArgs args, IServiceProvider services)
    {
        var kindName = args.Get("--kind");
        var kind = kindName is null ? null : FileKind.Parse(kindName);
        var format = args.Choice("--format", "text", "text", "json");
        args.RejectUnknown();
        if (args.Positional.Count == 0) throw new UsageException("ingest: name at least one file. Usage: ./volstats ingest [--kind K] [--format text|json] FILE...");

        var database = services.GetRequiredService<Database>();
        var ingestor = services.GetRequiredService<FileIngestor>();
        var summaries = new List<IngestSummary>();
        var failed = 0;
        using (var connection = database.OpenWrite())
        {
            foreach (var file in args.Positional)
            {
                try
                {
                    using var bar = ProgressBar.ForTerminal();
                    var summary = ingestor.Ingest(connection, file, kind, progress: bar);
                    summaries.Add(summary);
                    if (format == "text") Console.Out.WriteLine(Describe(summary));
                }
                catch (IngestFailedException e)
                {
                    failed++;
                    Console.Error.WriteLine($"error: {e.Message}");
                    if (kind is null && e.Reason.StartsWith("no header", StringComparison.Ordinal))
                        Console.Error.WriteLine("       If the header is there under other names, --kind K names the kind.");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The file's transaction was rolled back; say which file and go on with the next.
                    failed++;
                    Console.Error.WriteLine($"error: {Path.GetFileName(file)}: not loaded, the database is unchanged by it: {e.Message}");
                }
            }
        }
        if (format == "json") Console.Out.WriteLine(JsonSerializer.Serialize(summaries, Json));
        return failed == 0 ? 0 : 2;
    }

    public static string Describe(IngestSummary s)
    {
        if (s.AlreadyIngested) return $"{s.File}: already ingested (same content), nothing changed";
        var reasons = s.RejectedByReason.Count == 0 ? "" : " (" + string.Join(", ", s.RejectedByReason.Select(r => $"{r.Key} {r.Value}")) + ")";
        return $"{s.File}: {s.Kind}, {s.RowsRead} rows read: {s.Inserted} inserted, {s.Updated} updated, {s.Unchanged} unchanged, " +
               $"{s.Unmatched} unmatched, {s.Rejected} rejected{reasons} [{s.Duration.TotalSeconds:F1}s]";
    }
}

/// <summary>A one-line progress bar on standard error (rows, rows/s, ETA), only when it is a terminal.</summary>
public sealed class ProgressBar : IProgress<IngestProgress>, IDisposable
{
    private bool _drawn;

    public static ProgressBar? ForTerminal() => Console.IsErrorRedirected ? null : new ProgressBar();

    public void Report(IngestProgress p)
    {
        var fraction = p.BytesTotal > 0 && p.BytesRead > 0 ? Math.Min(1.0, (double)p.BytesRead / p.BytesTotal) : 0;
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Rows / p.Elapsed.TotalSeconds : 0;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
        const int width = 30;
        var filled = (int)(fraction * width);
        Console.Error.Write($"\r{p.File} [{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {p.Rows:N0} rows {rate:N0}/s ETA {eta:mm\\:ss}   ");
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn) Console.Error.WriteLine();
    }
}
