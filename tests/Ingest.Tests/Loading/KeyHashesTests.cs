using VolunteerStats.Ingest.Loading;

namespace VolunteerStats.Tests.Loading;

/// <summary>KeyHashes (src/Ingest/Loading/KeyHashes.cs): a key staged twice is never taken for distinct keys.</summary>
public class KeyHashesTests
{
    private static List<ulong> Sorted(IEnumerable<string> keys) => keys.Select(KeyHashes.Of).Order().ToList();

    [Fact]
    public void AllDistinct_IsTrue_WhenEveryKeyOccursOnce()
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => $"r:FW{i}").ToList();
        Assert.True(KeyHashes.AllDistinct([Sorted(keys.Where((_, i) => i % 2 == 0)), Sorted(keys.Where((_, i) => i % 2 == 1)), []]));
    }

    [Theory]
    [InlineData(0, 0)] // twice in one judge's list
    [InlineData(0, 1)] // once in each of two lists
    [InlineData(2, 1)]
    public void AllDistinct_IsFalse_WhenAKeyOccursTwice(int firstList, int secondList)
    {
        var lists = new List<string>[] { [], [], [] };
        for (var i = 0; i < 3_000; i++) lists[i % 3].Add($"r:FW{i}");
        lists[firstList].Add("r:FW2999x");
        lists[secondList].Add("r:FW2999x");
        Assert.False(KeyHashes.AllDistinct(lists.Select(Sorted).ToList()));
    }

    [Fact]
    public void Of_TellsKeysApart_ThatDifferOnlyInTheirKind()
    {
        // A record id and a volunteer id with the same text are different keys ("r:" and "v:" prefixes).
        Assert.NotEqual(KeyHashes.Of("r:ZJ1"), KeyHashes.Of("v:ZJ1"));
        Assert.Equal(KeyHashes.Of("r:ZJ1"), KeyHashes.Of(new string("r:ZJ1".ToCharArray())));
    }
}
