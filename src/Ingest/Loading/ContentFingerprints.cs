using System.Numerics;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// The content hashes and source hashes of every row stored in one table, read once before a file is judged, so that a
/// judge can tell a row that is stored already without staging it.
/// <list type="bullet">
/// <item>The content hash covers every value a row stores, its key included (each loader derives the key from hashed
/// values), so an equal hash is an equal row (<see cref="Contains"/>).</item>
/// <item>The source hash (schema 0016, <see cref="RowContext.SourceHash"/>) is the hash of the raw text the stored row
/// was judged from under its file's layout: a CSV record with an equal source hash would be judged to that same stored
/// row, so it is known unchanged before it is parsed, its ID number hashed or its content hashed
/// (<see cref="ContainsSource"/>). A stored row whose source hash is NULL (older, from a workbook) is found by content.</item>
/// </list>
/// Both are open-addressing sets of 128-bit values: 16 bytes a slot at most 70 % full (about 45 MB each for 2M rows),
/// and no object per row for the garbage collector to trace. Read-only once built, so the judges share them.
/// </summary>
internal sealed class ContentFingerprints
{
    private readonly Set128 _contents;
    private readonly Set128 _sources;

    public long Count => _contents.Count;

    /// <summary>Stored rows that carry a source hash.</summary>
    public long Sources => _sources.Count;

    private ContentFingerprints(long rows, long sources)
    {
        _contents = new Set128(rows);
        _sources = new Set128(sources);
    }

    /// <summary>The stored hashes of <paramref name="table"/> (a constant identifier); null when the table is empty.</summary>
    public static ContentFingerprints? Load(DuckDBConnection connection, string table)
    {
        var rows = connection.Scalar<long>($"SELECT count(*) FROM {table}");
        if (rows == 0) return null;
        var sources = connection.Scalar<long>($"SELECT count(source_hash) FROM {table}");
        // Read into arrays first and insert in slot order (Set128.AddAll): inserted as read, every insert was a cache
        // miss in a 64 MB table, 1.45 CPU s for the two sets of 2M rows against 0.2 s for the read itself.
        var contents = new Guid[rows];
        var sourceHashes = new Guid[sources];
        long c = 0, h = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT content_hash, source_hash FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read() && c < rows)
            {
                contents[c++] = reader.GetGuid(0);
                if (!reader.IsDBNull(1) && h < sources) sourceHashes[h++] = reader.GetGuid(1);
            }
        }
        var set = new ContentFingerprints(rows, sources);
        Parallel.Invoke(() => set._contents.AddAll(contents.AsSpan(0, (int)c)), () => set._sources.AddAll(sourceHashes.AsSpan(0, (int)h)));
        return set;
    }

    /// <summary>Whether a stored row has this content hash.</summary>
    public bool Contains(Guid hash) => _contents.Contains(hash);

    /// <summary>Whether a stored row was judged from text with this source hash (under the same layout).</summary>
    public bool ContainsSource(Guid hash) => _sources.Contains(hash);

    /// <summary>
    /// An insert-only open-addressing set of 128-bit hashes (XxHash128 outputs, already uniform). A value's two halves
    /// sit side by side, so that a probe costs one cache miss (separate arrays of halves took two: the set of 2M rows
    /// is 64 MB, far beyond any cache).
    /// </summary>
    private sealed class Set128
    {
        private readonly ulong[] _slots; // lo, hi of slot i at 2i, 2i + 1; (0, 0) is empty
        private readonly int _mask;
        private readonly int _bits; // slots = 2^bits; a value's slot is the top bits of its low half
        private bool _hasZero;

        public long Count { get; private set; }

        public Set128(long expected)
        {
            var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 10 / 7 + 1));
            _slots = new ulong[2 * (long)slots];
            _mask = slots - 1;
            _bits = BitOperations.Log2((uint)slots);
        }

        /// <summary>
        /// Adds many values in the order of their slots: they are first scattered into 256 groups by the top bits of
        /// their slot (two sequential passes), then each group is inserted into its 1/256 of the table, which stays
        /// in the cache while it is filled.
        /// </summary>
        public void AddAll(ReadOnlySpan<Guid> hashes)
        {
            const int groupBits = 8;
            var shift = Math.Max(0, _bits - groupBits);
            var starts = new int[(1 << groupBits) + 1];
            foreach (var hash in hashes) starts[(Slot(Split(hash).Lo) >> shift) + 1]++;
            for (var g = 1; g < starts.Length; g++) starts[g] += starts[g - 1];
            var grouped = new Guid[hashes.Length];
            var next = starts.AsSpan(0, 1 << groupBits).ToArray();
            foreach (var hash in hashes) grouped[next[Slot(Split(hash).Lo) >> shift]++] = hash;
            foreach (var hash in grouped) Add(hash);
        }

        public bool Contains(Guid hash)
        {
            var (lo, hi) = Split(hash);
            if ((lo | hi) == 0) return _hasZero;
            for (var i = Slot(lo); ; i = (i + 1) & _mask)
            {
                var (l, h) = (_slots[2 * i], _slots[2 * i + 1]);
                if (l == lo && h == hi) return true;
                if ((l | h) == 0) return false;
            }
        }

        public void Add(Guid hash)
        {
            var (lo, hi) = Split(hash);
            if ((lo | hi) == 0)
            {
                if (!_hasZero) Count++;
                _hasZero = true;
                return;
            }
            for (var i = Slot(lo); ; i = (i + 1) & _mask)
            {
                var (l, h) = (_slots[2 * i], _slots[2 * i + 1]);
                if (l == lo && h == hi) return;
                if ((l | h) != 0) continue;
                _slots[2 * i] = lo;
                _slots[2 * i + 1] = hi;
                Count++;
                return;
            }
        }

        // The top bits of the low half pick the slot (the hashes are uniform), so that slot order is value order.
        private int Slot(ulong lo) => (int)(lo >> (64 - _bits));

        private static (ulong Lo, ulong Hi) Split(Guid hash)
        {
            var halves = MemoryMarshal.Cast<Guid, ulong>(MemoryMarshal.CreateReadOnlySpan(ref hash, 1));
            return (halves[0], halves[1]);
        }
    }
}
