using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Ingest;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Reports.Scope;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// The monthly 简报 end to end: the region, the issue number (stored, so a month keeps its number), the content from
/// the indicator services, and the files. <see cref="Prepare"/> is for a caller that holds a connection (the
/// server's job, the dashboard); <see cref="WriteAsync"/> opens the database itself (the command line).
/// </summary>
public sealed class BriefingService(Database database, BriefingBuilder builder, BriefingWriter writer, TimeProvider clock,
    IOptions<LocalTimeOptions> local, ILogger<BriefingService> logger)
{
    /// <summary>How long a command waits for another process (another briefing) to let go of the database file.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Resolves the region, assigns (or, on a read-only connection, looks up) the issue number and gathers the content.
    /// </summary>
    public BriefingContent Prepare(DuckDBConnection connection, BriefingRequest request, ReportScope? scope, bool canWrite, Action<string>? note = null)
    {
        scope ??= ReportScope.Everything;
        if (request.Month is < 1 or > 12) throw new ArgumentException($"briefing: month {request.Month} is not 1–12.");
        var region = builder.ResolveRegion(connection, request, scope);
        int issue;
        if (canWrite) issue = BriefingIssues.Assign(connection, region, request.Year, request.Month, clock.GetUtcNow().UtcDateTime);
        else
        {
            issue = BriefingIssues.Provisional(connection, region, request.Year, request.Month);
            if (BriefingIssues.Find(connection, region, request.Year, request.Month) is null)
                note?.Invoke($"note: the database is read-only here (a server owns it), so 第{issue}期 is provisional and not recorded.");
        }
        return builder.Build(connection, request, region, issue, Today(), scope);
    }

    /// <summary>The issue date: today where the offices are (<see cref="LocalTimeOptions"/>).</summary>
    public DateOnly Today() => local.Value.Today(clock);

    /// <summary>Writes the files of a prepared briefing into <paramref name="folder"/>.</summary>
    public Task<BriefingFiles> WriteFilesAsync(BriefingContent content, string folder, CancellationToken ct) => writer.WriteAsync(content, folder, ct);

    /// <summary>
    /// The command line's way: the issue number on a connection opened for writing only for that moment (waiting while
    /// another command holds the file; the server's snapshot when a server owns it), the content on a read-only
    /// connection (several commands read at once), the files with no connection open, then the record of them.
    /// </summary>
    public async Task<(BriefingContent Content, BriefingFiles Files)> WriteAsync(BriefingRequest request, string folder, ReportScope? scope, Action<string> note, CancellationToken ct)
    {
        scope ??= ReportScope.Everything;
        if (request.Month is < 1 or > 12) throw new ArgumentException($"briefing: month {request.Month} is not 1–12.");
        var phases = new BriefingPhases();
        // LibreOffice starts now, while the numbers are gathered; the PDF is handed to it at the end.
        using var pdf = phases.Time("start LibreOffice", writer.StartPdf);
        string region;
        int issue;
        var (connection, canWrite) = await phases.TimeAsync("open for writing", () => OpenAsync(ct));
        using (connection)
        {
            (region, issue) = phases.Time("region + issue number", () =>
            {
                var code = builder.ResolveRegion(connection, request, scope);
                return (code, canWrite
                    ? BriefingIssues.Assign(connection, code, request.Year, request.Month, clock.GetUtcNow().UtcDateTime)
                    : BriefingIssues.Provisional(connection, code, request.Year, request.Month));
            });
            if (!canWrite && BriefingIssues.Find(connection, region, request.Year, request.Month) is null)
                note($"note: the database is read-only here (a server owns it), so 第{issue}期 is provisional and not recorded.");
        }
        BriefingContent content;
        using (var read = await phases.TimeAsync("open read-only", () => OpenReadAsync(ct)))
            content = builder.Build(read, request, region, issue, Today(), scope, phases);
        var files = await writer.WriteAsync(content, folder, ct, phases, pdf);
        if (canWrite)
            await phases.TimeAsync("record the files", async () =>
            {
                var (c, w) = await OpenAsync(ct);
                using (c) if (w) BriefingIssues.RecordWritten(c, content, files, clock.GetUtcNow().UtcDateTime);
            });
        phases.Log(logger, $"Briefing {region} {request.Year}-{request.Month:00}");
        return (content, files);
    }

    private async Task<DuckDBConnection> OpenReadAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return database.OpenRead();
            }
            catch (DatabaseLockedException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(150)), ct);
            }
        }
    }

    private async Task<(DuckDBConnection, bool)> OpenAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return (database.OpenWrite(), true);
            }
            catch (DatabaseLockedException) when (File.Exists(database.SnapshotPath))
            {
                return (database.OpenRead(), false);
            }
            catch (DatabaseLockedException) when (DateTime.UtcNow < deadline)
            {
                // Another command (e.g. a second briefing) holds the file for a moment: wait for it.
                await Task.Delay(TimeSpan.FromMilliseconds(150 + Random.Shared.Next(150)), ct);
            }
        }
    }
}
