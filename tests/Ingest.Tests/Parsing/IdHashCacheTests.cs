using VolunteerStats.Ingest.Identity;

namespace VolunteerStats.Tests.Parsing;

public class IdHashCacheTests
{
    [Fact]
    public void JudgesSharingTheCache_EachGetTheHashOfTheirOwnIdNumber()
    {
        var cache = new IdHashCache();
        var hmac = new HmacSha256(new byte[32]);
        var ids = Enumerable.Range(0, 50_000).Select(i => $"33010219700101{i:D4}").ToArray();
        // Four threads hash overlapping ID numbers through one cache, as the judges of one file do.
        Parallel.For(0, 4, t =>
        {
            var random = new Random(t);
            for (var n = 0; n < 100_000; n++)
            {
                var id = ids[random.Next(ids.Length)];
                if (!cache.TryGet(id, out var hash))
                {
                    hash = PersonIdentity.HashIdNumber(hmac, id)!;
                    cache.Add(id, hash);
                }
                Assert.Equal(PersonIdentity.HashIdNumber(hmac, id), hash);
            }
        });
        Assert.InRange(cache.Count, 1, ids.Length);
    }

    [Fact]
    public void PastItsBound_TheCacheForgetsNewIdNumbersRatherThanGrow()
    {
        var cache = new IdHashCache();
        for (var i = 0; i < IdHashCache.MaxEntries + 10; i++) cache.Add(i.ToString(), "h");
        Assert.Equal(IdHashCache.MaxEntries, cache.Count);
        Assert.True(cache.TryGet("0", out _));
        Assert.False(cache.TryGet((IdHashCache.MaxEntries + 5).ToString(), out _));
    }
}
