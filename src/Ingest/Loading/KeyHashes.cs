using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// Whether a file stages any key twice, told by 64-bit hashes of the staged keys, which each judge collects and sorts.
/// Equal keys have equal hashes, so "all distinct" is certain; two different keys with one hash only send the file
/// the general way of the merge (<c>Loading/Merge.sql</c>), which orders every repeated key's versions. When all
/// are distinct the merge need not look for versions in the file (<c>MergeDistinctKeys.sql</c>, <c>MergeFirst.sql</c>).
/// </summary>
internal static class KeyHashes
{
    public static ulong Of(string key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key.AsSpan()));

    /// <summary>True when no hash occurs twice, within a list or across them. Each list must be sorted.</summary>
    public static bool AllDistinct(IReadOnlyList<List<ulong>> sorted)
    {
        foreach (var list in sorted)
            for (var i = 1; i < list.Count; i++)
                if (list[i] == list[i - 1]) return false;
        // Across lists: merge them in order, as in a merge sort, and compare neighbours.
        var positions = new int[sorted.Count];
        ulong? previous = null;
        while (true)
        {
            var next = -1;
            for (var k = 0; k < sorted.Count; k++)
                if (positions[k] < sorted[k].Count && (next < 0 || sorted[k][positions[k]] < sorted[next][positions[next]])) next = k;
            if (next < 0) return true;
            var value = sorted[next][positions[next]++];
            if (value == previous) return false;
            previous = value;
        }
    }
}
