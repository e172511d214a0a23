using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VolunteerStats.Dashboard.Caching;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Tests.Caching;

/// <summary>
/// The stale-while-revalidate cache behind the pages and the API: versions, the one computation per key, the wait
/// for a fresh answer and the bound. Computations are held at a gate (no sleeps); time is a fake clock.
/// </summary>
public sealed class AnswerCacheTests
{
    private static readonly DataVersion V1 = new("1111111111111111"), V2 = new("2222222222222222");

    private readonly FakeTimeProvider _clock = new();

    private AnswerCache<string> Cache(TimeSpan freshWait, long capacity = 1_000_000, TimeSpan? joinWait = null) =>
        new(capacity, s => s.Length, freshWait, _clock, NullLogger.Instance, joinWait);

    /// <summary>A computation that counts its runs and finishes when the gate is opened.</summary>
    private sealed class Gated(DataVersion version, string value)
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Runs;

        public async Task<(DataVersion, string)> Compute()
        {
            Interlocked.Increment(ref Runs);
            await Gate.Task;
            return (version, value);
        }
    }

    private static Task<(DataVersion, string)> Now(DataVersion version, string value) => Task.FromResult((version, value));

    [Fact]
    public async Task GetAsync_ReturnsThePreviousVersion_WhileTheNewOneComputes()
    {
        var cache = Cache(TimeSpan.Zero);
        await cache.GetAsync("k", V1, () => Now(V1, "old"), CancellationToken.None);
        var next = new Gated(V2, "new");

        var during = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync("k", V2, next.Compute, CancellationToken.None)));

        Assert.All(during, s => Assert.Equal(("old", V1, true), (s.Value, s.Version, s.Stale)));
        Assert.Equal(1, cache.Computing);
        next.Gate.SetResult();
        await cache.WhenComputedAsync("k");
        Assert.Equal(1, Volatile.Read(ref next.Runs)); // exactly one computation for twenty requests
        var after = await cache.GetAsync("k", V2, () => throw new InvalidOperationException("computed twice"), CancellationToken.None);
        Assert.Equal(("new", V2, false), (after.Value, after.Version, after.Stale));
    }

    [Fact]
    public async Task GetAsync_ReturnsTheNewVersion_WhenItIsReadyWithinTheFreshWait()
    {
        var cache = Cache(TimeSpan.FromSeconds(2));
        await cache.GetAsync("k", V1, () => Now(V1, "old"), CancellationToken.None);
        var next = new Gated(V2, "new");

        var waiting = cache.GetAsync("k", V2, next.Compute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        next.Gate.SetResult();

        var served = await waiting;
        Assert.Equal(("new", V2, false), (served.Value, served.Version, served.Stale));
    }

    [Fact]
    public async Task GetAsync_ReturnsThePreviousVersion_WhenTheFreshWaitElapses()
    {
        var cache = Cache(TimeSpan.FromSeconds(2));
        await cache.GetAsync("k", V1, () => Now(V1, "old"), CancellationToken.None);
        var next = new Gated(V2, "new");

        var first = cache.GetAsync("k", V2, next.Compute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var served = await first;
        // Later requests do not wait at all: the computation began more than the fresh wait ago.
        var later = await cache.GetAsync("k", V2, next.Compute, CancellationToken.None);

        Assert.Equal(("old", V1, true), (served.Value, served.Version, served.Stale));
        Assert.Equal(("old", V1, true), (later.Value, later.Version, later.Stale));
        Assert.Equal(1, cache.Computing);
        next.Gate.SetResult();
        await cache.WhenComputedAsync("k");
        Assert.Equal(1, Volatile.Read(ref next.Runs));
        Assert.Equal("new", (await cache.GetAsync("k", V2, next.Compute, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task GetAsync_WaitsForTheOneComputation_WhenNoVersionWasComputedBefore()
    {
        var cache = Cache(TimeSpan.Zero);
        var first = new Gated(V1, "first");

        var waiting = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("k", V1, first.Compute, CancellationToken.None)).ToList();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(waiting, t => t.IsCompleted);
        first.Gate.SetResult();

        Assert.All(await Task.WhenAll(waiting), s => Assert.Equal(("first", V1, false), (s.Value, s.Version, s.Stale)));
        Assert.Equal(1, Volatile.Read(ref first.Runs));
    }

    [Fact]
    public async Task GetAsync_KeepsKeysApart_WhenOnlyTheScopeDiffers()
    {
        var cache = Cache(TimeSpan.Zero);

        var district = await cache.GetAsync("indicators|330102|2024", V1, () => Now(V1, "330102 rows"), CancellationToken.None);
        var city = await cache.GetAsync("indicators|*|2024", V1, () => Now(V1, "every row"), CancellationToken.None);

        Assert.Equal("330102 rows", district.Value);
        Assert.Equal("every row", city.Value);
        Assert.Equal("330102 rows", (await cache.GetAsync("indicators|330102|2024", V1, () => Now(V1, "x"), CancellationToken.None)).Value);
    }

    [Fact]
    public async Task GetAsync_EvictsTheLeastRecentlyUsed_WhenOverCapacity()
    {
        var cache = Cache(TimeSpan.Zero, capacity: 30);
        await cache.GetAsync("a", V1, () => Now(V1, new string('a', 10)), CancellationToken.None);
        await cache.GetAsync("b", V1, () => Now(V1, new string('b', 10)), CancellationToken.None);
        await cache.GetAsync("a", V1, () => Now(V1, "recomputed"), CancellationToken.None); // a used last
        await cache.GetAsync("c", V1, () => Now(V1, new string('c', 15)), CancellationToken.None);

        Assert.True(cache.Weight <= 30, $"weight {cache.Weight}");
        Assert.Equal(new string('a', 10), (await cache.GetAsync("a", V1, () => Now(V1, "recomputed"), CancellationToken.None)).Value);
        Assert.Equal("b again", (await cache.GetAsync("b", V1, () => Now(V1, "b again"), CancellationToken.None)).Value);
    }

    [Fact]
    public async Task GetAsync_ComputesAgain_WhenTheComputationFailed()
    {
        var cache = Cache(TimeSpan.Zero);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetAsync("k", V1, () => Task.FromException<(DataVersion, string)>(new InvalidOperationException("db away")), CancellationToken.None));
        await cache.WhenComputedAsync("k");

        Assert.Equal("ok", (await cache.GetAsync("k", V1, () => Now(V1, "ok"), CancellationToken.None)).Value);
    }

    [Fact]
    public async Task GetAsync_WaitsOnlyTheJoinWait_WhenAnotherRequestStartedTheComputation()
    {
        var cache = Cache(TimeSpan.FromSeconds(2), joinWait: TimeSpan.FromMilliseconds(50));
        await cache.GetAsync("k", V1, () => Now(V1, "old"), CancellationToken.None);
        var next = new Gated(V2, "new");

        var starter = cache.GetAsync("k", V2, next.Compute, CancellationToken.None);
        var joiner = cache.GetAsync("k", V2, next.Compute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        var joined = await joiner;

        // The one who started it still waits for the new answer (the fresh wait has not elapsed); the other got the old one.
        Assert.Equal(("old", V1, true), (joined.Value, joined.Version, joined.Stale));
        Assert.False(starter.IsCompleted);
        next.Gate.SetResult();
        var started = await starter;
        Assert.Equal(("new", V2, false), (started.Value, started.Version, started.Stale));
        Assert.Equal(1, Volatile.Read(ref next.Runs));
    }

    [Fact]
    public async Task RefreshAsync_ComputesTheNewVersion_OfTheAnswersAskedForRecently()
    {
        var cache = Cache(TimeSpan.FromSeconds(2));
        await cache.GetAsync("old-view", V1, () => Now(V1, "old view v1"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(20));
        var recentRuns = 0;
        await cache.GetAsync("recent", V1, () => { recentRuns++; return Now(recentRuns == 1 ? V1 : V2, $"recent v{recentRuns}"); }, CancellationToken.None);
        await cache.GetAsync("current", V2, () => Now(V2, "current v2"), CancellationToken.None);

        var (count, done) = cache.RefreshAsync(V2, TimeSpan.FromMinutes(15), max: 10);
        await done;

        Assert.Equal(1, count); // "current" is of V2 already, "old-view" was last asked for 20 minutes ago
        Assert.Equal(V2, cache.VersionOf("recent"));
        Assert.Equal(V1, cache.VersionOf("old-view"));
        // The request after the change finds the new answer, computed by the computation that made the old one.
        var served = await cache.GetAsync("recent", V2, () => throw new InvalidOperationException("computed on request"), CancellationToken.None);
        Assert.Equal(("recent v2", V2, false), (served.Value, served.Version, served.Stale));
    }

    [Fact]
    public async Task RefreshAsync_IsJoinedByRequests_WhileItComputes()
    {
        var cache = Cache(TimeSpan.FromSeconds(2), joinWait: TimeSpan.Zero);
        var next = new Gated(V2, "new");
        var first = true;
        await cache.GetAsync("k", V1, () => first ? Now(V1, "old") : next.Compute(), CancellationToken.None);
        first = false;

        var (_, done) = cache.RefreshAsync(V2, TimeSpan.FromMinutes(15), max: 10);
        var during = await cache.GetAsync("k", V2, () => throw new InvalidOperationException("a second computation"), CancellationToken.None);
        next.Gate.SetResult();
        await done;

        Assert.Equal(("old", V1, true), (during.Value, during.Version, during.Stale));
        Assert.Equal(1, Volatile.Read(ref next.Runs));
        Assert.Equal("new", (await cache.GetAsync("k", V2, () => throw new InvalidOperationException("computed again"), CancellationToken.None)).Value);
    }
}
