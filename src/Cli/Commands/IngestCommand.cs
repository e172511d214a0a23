using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Output;

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
        FileKind? kind;
        try
        {
            kind = kindName is null ? null : FileKind.Parse(kindName);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("ingest --kind: " + e.Message);
        }
        var format = args.Choice("--format", "text", "text", "json");
        args.RejectUnknown();
        if (args.Positional.Count == 0) throw new UsageException("ingest: name at least one file. Usage: ./volstats ingest [--kind K] [--format text|json] FILE...");

        var database = services.GetRequiredService<Database>();
        var ingestor = services.GetRequiredService<FileIngestor>();
        var summaries = new List<IngestSummary>();
        var failed = 0;
        // Ctrl+C stops after the file being loaded is rolled back (a second Ctrl+C ends the process at once).
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var done = new List<string>();
        try
        {
            using var connection = database.OpenWrite();
            foreach (var file in args.Positional)
            {
                var name = Path.GetFileName(file);
                try
                {
                    IngestSummary summary;
                    using (var bar = ProgressBar.ForTerminal())
                        summary = ingestor.Ingest(connection, file, kind, progress: bar, ct: cancel.Token);
                    summaries.Add(summary);
                    done.Add(file);
                    if (format == "text") Console.Out.WriteLine(Describe(summary));
                    foreach (var warning in summary.Warnings) Console.Error.WriteLine($"warning: {summary.File}: {warning}");
                }
                catch (IngestFailedException e)
                {
                    failed++;
                    done.Add(file);
                    Console.Error.WriteLine($"error: {e.Message}");
                    if (kind is null && e.Reason.StartsWith("no header", StringComparison.Ordinal))
                        Console.Error.WriteLine("       If the header is there under other names, --kind K names the kind.");
                }
                catch (OperationCanceledException)
                {
                    Interrupted(args.Positional, done, file, summaries, format);
                    return 130;
                }
                catch (Exception e) when (e is not NotAVolunteerStatsDatabaseException and not DatabaseLockedException)
                {
                    // The file's transaction was rolled back; say which file and go on with the next.
                    failed++;
                    done.Add(file);
                    Console.Error.WriteLine($"error: {name}: not loaded, the database is unchanged by it: {e.Message}");
                }
                if (cancel.IsCancellationRequested && done.Count < args.Positional.Count)
                {
                    Interrupted(args.Positional, done, null, summaries, format);
                    return 130;
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        if (format == "json") Console.Out.WriteLine(JsonSerializer.Serialize(summaries, Json));
        return failed == 0 ? 0 : 2;
    }

    /// <summary>After Ctrl+C: which files are stored, which one was rolled back, which were not started, and what to run again.</summary>
    private static void Interrupted(IReadOnlyList<string> all, IReadOnlyList<string> done, string? rolledBack, List<IngestSummary> summaries, string format)
    {
        if (format == "json") Console.Out.WriteLine(JsonSerializer.Serialize(summaries, Json));
        var rest = all.Skip(done.Count).ToList();
        Console.Error.WriteLine();
        Console.Error.WriteLine("已中断 interrupted (Ctrl+C).");
        if (summaries.Count > 0)
            Console.Error.WriteLine($"  已入库 stored: {string.Join(", ", summaries.Select(s => s.File))}");
        if (rolledBack is not null)
            Console.Error.WriteLine($"  未入库 not stored: {Path.GetFileName(rolledBack)} (interrupted while loading; rolled back, the database is as it was before it)");
        var notStarted = rest.Where(f => f != rolledBack).ToList();
        if (notStarted.Count > 0)
            Console.Error.WriteLine($"  未开始 not started: {string.Join(", ", notStarted.Select(Path.GetFileName))}");
        if (rest.Count > 0)
            Console.Error.WriteLine($"  to finish, run: ./volstats ingest {string.Join(' ', rest.Select(Quote))}");
    }

    private static string Quote(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || "._-/+".Contains(c)) ? path : "'" + path.Replace("'", "'\\''") + "'";

    public static string Describe(IngestSummary s)
    {
        if (s.AlreadyIngested) return $"{s.File}: already ingested (same content), nothing changed";
        var reasons = s.RejectedByReason.Count == 0 ? "" : " (" + string.Join(", ", s.RejectedByReason.Select(r =>
            $"{r.Key} {RejectReason.Chinese.GetValueOrDefault(r.Key, r.Key)} {r.Value:N0}")) + ")";
        return $"{s.File}: {s.Kind}, {s.RowsRead:N0} rows read: {s.Inserted:N0} inserted, {s.Updated:N0} updated, {s.Unchanged:N0} unchanged, " +
               $"{s.Unmatched:N0} unmatched, {s.Rejected:N0} rejected{reasons} [{s.Duration.TotalSeconds:F1}s]";
    }
}
