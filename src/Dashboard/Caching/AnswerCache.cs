using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Caching;

/// <summary>An answer as served: its value, the data version it was computed from, and whether a newer one is being computed.</summary>
public sealed record Served<T>(T Value, DataVersion Version, bool Stale);

/// <summary>
/// Answers by key, each of the data version it was computed from, served stale while the new one is computed
/// (stale-while-revalidate): for a key whose stored answer is of the current version, that answer; of an older
/// version, exactly one computation of the new one runs in the background: the request that starts it waits for it
/// at most <paramref name="freshWait"/> counted from its start (someone who has just loaded a file sees it), a request
/// that finds it already running (started by another request or ahead of time, <see cref="RefreshAsync"/>) at most
/// <paramref name="joinWait"/> (default: the fresh wait) and never past the fresh wait; then they get the older
/// answer while it goes on. For a key never computed, every request waits for the one computation. A
/// computation reads the version in its own transaction and is stored under the version it read. The key holds
/// everything the answer depends on besides the data (the route, the normalized query, the user's region limit):
/// one user never gets an answer computed for another scope. Bounded: at most <paramref name="capacity"/> in total
/// weight (<paramref name="weigh"/>), the least recently used answers evicted first; an answer heavier than the
/// whole capacity is served but not kept.
/// </summary>
public sealed class AnswerCache<T>(long capacity, Func<T, long> weigh, TimeSpan freshWait, TimeProvider clock, ILogger logger,
    TimeSpan? joinWait = null)
{
    private readonly TimeSpan _joinWait = joinWait is { } j && j < freshWait ? j : freshWait;

    private sealed class Entry(string key, DataVersion version, T value, long weight, Func<Task<(DataVersion, T)>> compute, long usedAt)
    {
        public string Key { get; } = key;
        public DataVersion Version { get; set; } = version;
        public T Value { get; set; } = value;
        public long Weight { get; set; } = weight;
        /// <summary>The computation that made the answer: run again for a new version ahead of any request.</summary>
        public Func<Task<(DataVersion, T)>> Compute { get; } = compute;
        /// <summary>When a request last asked for it (a <see cref="TimeProvider"/> timestamp).</summary>
        public long UsedAt { get; set; } = usedAt;
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
            var now = clock.GetTimestamp();
            if (_entries.TryGetValue(key, out var entry))
            {
                Touch(entry);
                entry.UsedAt = now;
                if (entry.Version == current) return new Served<T>(entry.Value, entry.Version, false);
                previous = new Served<T>(entry.Value, entry.Version, true);
            }
            var joined = _computing.TryGetValue(key, out computing!);
            if (!joined) _computing[key] = computing = Start(key, compute);
            var left = freshWait - clock.GetElapsedTime(computing.Started, now);
            wait = previous is null ? Timeout.InfiniteTimeSpan : joined && _joinWait < left ? _joinWait : left;
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

    /// <summary>
    /// Computes ahead, for <paramref name="current"/>, the answers of an older version that requests asked for within
    /// <paramref name="usedWithin"/>, at most <paramref name="max"/> of them, the most recently used first, each with
    /// the computation that made it (the same key, so the same route, query and region limit): the first request
    /// after a change then finds the new answer, or joins its computation. Completes when they are computed (a
    /// failure is logged, not thrown). Returns how many were started or already under way.
    /// </summary>
    public (int Count, Task Done) RefreshAsync(DataVersion current, TimeSpan usedWithin, int max)
    {
        var tasks = new List<Task>();
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            for (var node = _recent.First; node is not null && tasks.Count < max; node = node.Next)
            {
                var entry = node.Value;
                if (clock.GetElapsedTime(entry.UsedAt, now) > usedWithin) continue;
                if (entry.Version == current) continue;
                if (!_computing.TryGetValue(entry.Key, out var computing)) _computing[entry.Key] = computing = Start(entry.Key, entry.Compute);
                tasks.Add(computing.Task);
            }
        }
        return (tasks.Count, Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))));
    }

    /// <summary>The data version of the answer kept for <paramref name="key"/>, or null (tests, logs).</summary>
    public DataVersion? VersionOf(string key)
    {
        lock (_lock) return _entries.TryGetValue(key, out var entry) ? entry.Version : null;
    }

    /// <summary>The keys kept, most recently used first (tests).</summary>
    public IReadOnlyList<string> Keys
    {
        get { lock (_lock) return _recent.Select(e => e.Key).ToList(); }
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
                lock (_lock) Store(key, version, value, compute);
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

    private void Store(string key, DataVersion version, T value, Func<Task<(DataVersion, T)>> compute)
    {
        var weight = Math.Max(1, weigh(value));
        var usedAt = clock.GetTimestamp();
        if (_entries.Remove(key, out var old))
        {
            _recent.Remove(old.Node!);
            _weight -= old.Weight;
            usedAt = old.UsedAt; // computed ahead is not asked for
        }
        if (weight > capacity) return;
        var entry = new Entry(key, version, value, weight, compute, usedAt);
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
