using System.Numerics;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// The content hashes of every row stored in one table, read once before a file is judged, so that a judge can tell
/// a row that is stored already, key and content alike, without staging it: the content hash covers every value a
/// row stores, its key included (each loader derives the key from hashed values), so an equal hash is an equal row.
/// An open-addressing set of the 128-bit hashes: 16 bytes a slot at most 70 % full (about 45 MB for 2M rows),
/// and no object per row for the garbage collector to trace. Read-only once built, so the judges share it.
/// </summary>
internal sealed class ContentFingerprints
{
    private readonly ulong[] _lo;
    private readonly ulong[] _hi;
    private readonly int _mask;
    private bool _hasZero;

    public long Count { get; private set; }

    private ContentFingerprints(long expected)
    {
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 10 / 7 + 1));
        _lo = new ulong[slots];
        _hi = new ulong[slots];
        _mask = slots - 1;
    }

    /// <summary>The stored content hashes of <paramref name="table"/> (a constant identifier); null when the table is empty.</summary>
    public static ContentFingerprints? Load(DuckDBConnection connection, string table)
    {
        var rows = connection.Scalar<long>($"SELECT count(*) FROM {table}");
        if (rows == 0) return null;
        var set = new ContentFingerprints(rows);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT content_hash FROM {table}";
        using var reader = command.ExecuteReader();
        while (reader.Read()) set.Add(reader.GetGuid(0));
        return set;
    }

    public bool Contains(Guid hash)
    {
        var (lo, hi) = Split(hash);
        if ((lo | hi) == 0) return _hasZero;
        for (var i = Slot(lo, hi); ; i = (i + 1) & _mask)
        {
            if (_lo[i] == lo && _hi[i] == hi) return true;
            if ((_lo[i] | _hi[i]) == 0) return false;
        }
    }

    private void Add(Guid hash)
    {
        var (lo, hi) = Split(hash);
        if ((lo | hi) == 0)
        {
            if (!_hasZero) Count++;
            _hasZero = true;
            return;
        }
        for (var i = Slot(lo, hi); ; i = (i + 1) & _mask)
        {
            if (_lo[i] == lo && _hi[i] == hi) return;
            if ((_lo[i] | _hi[i]) != 0) continue;
            _lo[i] = lo;
            _hi[i] = hi;
            Count++;
            return;
        }
    }

    // The hashes are XxHash128 outputs, already uniform: a few of their bits pick the slot.
    private int Slot(ulong lo, ulong hi) => (int)((lo ^ (hi >> 17)) & (ulong)_mask);

    private static (ulong Lo, ulong Hi) Split(Guid hash)
    {
        var halves = MemoryMarshal.Cast<Guid, ulong>(MemoryMarshal.CreateReadOnlySpan(ref hash, 1));
        return (halves[0], halves[1]);
    }
}
