using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;

namespace VolunteerStats.Dashboard.Inbox;

/// <summary>
/// Watches the inbox and hands a file to <see cref="InboxQueue"/> once it has stopped growing (same size and
/// time stamp for <see cref="InboxOptions.SettleTime"/>), so that a file still being copied is never read.
/// </summary>
public sealed class InboxWatcher(InboxFolders folders, InboxQueue queue, IOptions<InboxOptions> options, TimeProvider clock,
    ILogger<InboxWatcher> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _settling = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private FileSystemWatcher? _watcher;

    public void Start()
    {
        _watcher = new FileSystemWatcher(folders.Inbox)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
            IncludeSubdirectories = false,
        };
        _watcher.Created += (_, e) => Track(e.FullPath);
        _watcher.Changed += (_, e) => Track(e.FullPath);
        _watcher.Renamed += (_, e) => Track(e.FullPath);
        // The recurring scan picks up whatever a lost event missed.
        _watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Inbox watcher lost events; the next scan will pick the files up");
        _watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {Inbox}", folders.Inbox);
    }

    /// <summary>Waits in the background until the file has settled, then enqueues it (once per settling).</summary>
    public void Track(string path)
    {
        var name = Path.GetFileName(path);
        if (!InboxFolders.IsCandidate(name) || _stop.IsCancellationRequested) return;
        if (_settling.TryAdd(name, 0)) _ = SettleAsync(path, name, _stop.Token);
    }

    private async Task SettleAsync(string path, string name, CancellationToken ct)
    {
        try
        {
            var settle = options.Value.SettleTime;
            (long, DateTime)? last = null;
            var stableSince = clock.GetUtcNow();
            while (true)
            {
                if (!File.Exists(path)) return;
                var info = new FileInfo(path);
                var signature = (info.Length, info.LastWriteTimeUtc);
                var now = clock.GetUtcNow();
                if (signature != last)
                {
                    last = signature;
                    stableSince = now;
                }
                else if (now - stableSince >= settle) break;
                await Task.Delay(options.Value.SettlePollInterval, clock, ct);
            }
            queue.Enqueue(name);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not queue {File}; the next inbox scan will try again", name);
        }
        finally
        {
            _settling.TryRemove(name, out _);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watcher?.Dispose();
    }
}
