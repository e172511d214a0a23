namespace VolunteerStats.Ingest.Identity;

/// <summary>
/// Keyed hashes of the ID numbers already seen in one file, shared by all of its judge threads. An hours export
/// repeats each person's ID number once per service record, and the HMAC was most of what judging a record cost:
/// on the 2M-record bench file, 865k distinct ID numbers are hashed instead of 2M.
/// </summary>
/// <remarks>
/// A fixed open-addressing table whose slots are filled once with a compare-and-swap: lookups take no lock and
/// never wait. (A <c>ConcurrentDictionary</c> took a third to a half of the judging time in its locks.) Bounded:
/// past <see cref="MaxEntries"/> new ID numbers are still hashed, just no longer remembered, so memory stays
/// flat on any file (16 MB of slots, and ~270 MB of strings when full). A roster, where ID numbers hardly
/// repeat, uses none.
/// </remarks>
public sealed class IdHashCache
{
    public const int MaxEntries = 1 << 20;

    private sealed class Entry(string idNumber, string hash)
    {
        public readonly string IdNumber = idNumber;
        public readonly string Hash = hash;
    }

    // Twice the entries, so that probe runs stay short.
    private readonly Entry?[] _slots = new Entry?[MaxEntries * 2];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(string idNumber, out string hash)
    {
        var mask = _slots.Length - 1;
        for (var i = idNumber.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            var entry = Volatile.Read(ref _slots[i]);
            if (entry is null) break;
            if (entry.IdNumber == idNumber)
            {
                hash = entry.Hash;
                return true;
            }
        }
        hash = "";
        return false;
    }

    public void Add(string idNumber, string hash)
    {
        if (Volatile.Read(ref _count) >= MaxEntries) return;
        var entry = new Entry(idNumber, hash);
        var mask = _slots.Length - 1;
        for (var i = idNumber.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            var existing = Volatile.Read(ref _slots[i]) ?? Interlocked.CompareExchange(ref _slots[i], entry, null);
            if (existing is null)
            {
                Interlocked.Increment(ref _count);
                return;
            }
            if (existing.IdNumber == idNumber) return; // another judge got there first
        }
    }
}
