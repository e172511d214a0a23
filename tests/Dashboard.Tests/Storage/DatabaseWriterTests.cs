using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Tests.Storage;

public sealed class DatabaseWriterTests : IDisposable
{
    private readonly string _root = TestServer.NewRoot();

    private DatabaseWriter NewWriter() => new(new Database(new DatabaseOptions { Path = Path.Combine(_root, "volstats.duckdb") }, []));

    [Fact]
    public async Task ReadAsync_SeesCommittedDataWithoutWaiting_WhenWriterIsInsideATransaction()
    {
        using var writer = NewWriter();
        await writer.WriteAsync(c => c.Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)"), CancellationToken.None);
        using var inTransaction = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        var write = Task.Run(() => writer.WriteAsync(c =>
        {
            using var tx = c.BeginTransaction();
            c.Execute("INSERT INTO t VALUES (2)");
            inTransaction.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            tx.Commit();
        }, CancellationToken.None));
        Assert.True(inTransaction.Wait(TimeSpan.FromSeconds(30)));

        var during = await writer.ReadAsync(c => c.Scalar<long>("SELECT count(*) FROM t"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        release.Set();
        await write;
        var after = await writer.ReadAsync(c => c.Scalar<long>("SELECT count(*) FROM t"), CancellationToken.None);

        Assert.Equal(1, during);
        Assert.Equal(2, after);
    }

    [Fact]
    public async Task WriteAsync_RunsOneAtATime_WhenCalledFromManyThreads()
    {
        using var writer = NewWriter();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => writer.WriteAsync(c =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            c.Execute("CREATE TABLE IF NOT EXISTS u (x INTEGER); INSERT INTO u VALUES (1)");
            Thread.Sleep(20);
            Interlocked.Decrement(ref inside);
        }, CancellationToken.None))));

        Assert.Equal(1, most);
        Assert.Equal(8, await writer.ReadAsync(c => c.Scalar<long>("SELECT count(*) FROM u"), CancellationToken.None));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
