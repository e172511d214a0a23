using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Caching;

/// <summary>An answer as served: its value, the data version it was computed from, and whether a newer one is being computed.</summary>
public sealed record Served<T>(T Value, DataVersion Version, bool Stale);

/// <summary>
/// Answers by key, each of the data version it was computed from, served stale while the new one is computed
/// (stale-while-revalidate): for a key whose stored answer is of the current version, that answer; of an older
/// version, exactly one computation of the new one starts in the background (the first request after the change
/// starts it), and requests wait for it at most <paramref name="freshWait"/> counted from its start, then get the
/// older answer while it goes on; for a key never computed, every request waits for the one computation. A
/// computation reads the version in its own transaction and is stored under the version it read. The key holds
/// everything the answer depends on besides the data (the route, the normalized query, the user's region limit):
/// one user never gets an answer computed for another scope. Bounded: at most <paramref name="capacity"/> in total
/// weight (<paramref name="weigh"/>), the least recently used answers evicted first; an answer heavier than the
/// whole capacity is served but not kept.
/// </summary>
public sealed class AnswerCache<T>(long capacity, Func<T, long> weigh, TimeSpan freshWait, TimeProvider clock, ILogger logger)
{
    private sealed class Entry(string key, DataVersion version, T value, long weight)
    {
        public string Key { get; } = key;
        public DataVersion Version { get; set; } = version;
        public T Value { get; set; } = value;
        public long Weight { get; set; } = weight;
        public LinkedListNode<Entry>? Node { get; set; }
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = new(); // most recently used first
    private sealed record Computation(Task<(DataVersion, T)> Task, long Started);

    private readonly Dictionary<string, Computation> _computing = new(StringComparer.Ordinal);
    private long _weight;

    public long Capacity => capacity;

    /// <summary>The total weight of the answers kept.</summary>
    public long Weight
    {
        get { lock (_lock) return _weight; }
    }

    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    /// <summary>Computations under way (for tests and logs).</summary>
    public int Computing
    {
        get { lock (_lock) return _computing.Count; }
    }

    /// <summary>
    /// The answer for <paramref name="key"/> at <paramref name="current"/> as described on the class.
    /// <paramref name="compute"/> returns the version its transaction read and the answer; it runs in the background
    /// and is not cancelled by <paramref name="ct"/> (which only ends this caller's wait).
    /// </summary>
    public async Task<Served<T>> GetAsync(string key, DataVersion current, Func<Task<(DataVersion Version, T Value)>> compute, CancellationToken ct)
    {
        Computation computing;
        Served<T>? previous = null;
        TimeSpan wait;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                Touch(entry);
                if (entry.Version == current) return new Served<T>(entry.Value, entry.Version, false);
                previous = new Served<T>(entry.Value, entry.Version, true);
            }
            if (!_computing.TryGetValue(key, out computing!)) _computing[key] = computing = Start(key, compute);
            wait = previous is null ? Timeout.InfiniteTimeSpan : freshWait - clock.GetElapsedTime(computing.Started);
            if (previous is not null && wait <= TimeSpan.Zero) return previous;
        }
        if (previous is null)
        {
            var (version, value) = await computing.Task.WaitAsync(ct);
            return new Served<T>(value, version, false);
        }
        try
        {
            var (version, value) = await computing.Task.WaitAsync(wait, clock, ct);
            return new Served<T>(value, version, false);
        }
        catch (Exception e) when (e is TimeoutException || (e is not OperationCanceledException && !ct.IsCancellationRequested))
        {
            return previous; // still computing (or failed, logged): the previous version meanwhile
        }
    }

    /// <summary>Waits for the computation of <paramref name="key"/> under way, if any (tests).</summary>
    public Task WhenComputedAsync(string key)
    {
        lock (_lock) return _computing.TryGetValue(key, out var c) ? c.Task.ContinueWith(_ => { }, TaskScheduler.Default) : Task.CompletedTask;
    }

    private Computation Start(string key, Func<Task<(DataVersion Version, T Value)>> compute)
    {
        var started = clock.GetTimestamp();
        // A thread of its own (the reads are synchronous DuckDB work): the thread pool's few threads serve requests.
        var task = Task.Factory.StartNew(async () =>
        {
            try
            {
                var (version, value) = await compute();
                lock (_lock) Store(key, version, value);
                return (version, value);
            }
            finally
            {
                lock (_lock) _computing.Remove(key);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        // A background computation's failure is logged; a request waiting for it gets the exception.
        task.ContinueWith(t => logger.LogWarning(t.Exception!.GetBaseException(), "Computing the answer {Key} failed", key),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return new Computation(task, started);
    }

    private void Store(string key, DataVersion version, T value)
    {
        var weight = Math.Max(1, weigh(value));
        if (_entries.Remove(key, out var old))
        {
            _recent.Remove(old.Node!);
            _weight -= old.Weight;
        }
        if (weight > capacity) return;
        var entry = new Entry(key, version, value, weight);
        entry.Node = _recent.AddFirst(entry);
        _entries[key] = entry;
        _weight += weight;
        while (_weight > capacity && _recent.Last is { } last && last.Value != entry)
        {
            _recent.RemoveLast();
            _entries.Remove(last.Value.Key);
            _weight -= last.Value.Weight;
        }
    }

    private void Touch(Entry entry)
    {
        if (entry.Node!.Previous is null) return;
        _recent.Remove(entry.Node);
        _recent.AddFirst(entry.Node);
    }
}
