using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Headers;

/// <summary>A recognised header: its kind, the record it was found on and which column holds which field.</summary>
public sealed record HeaderMatch(FileKind Kind, SourceRecord Header, IReadOnlyDictionary<string, int> Columns)
{
    public const int SearchRows = 20;

    public int Column(string field) => Columns.TryGetValue(field, out var i) ? i : -1;

    public bool Has(string field) => Columns.ContainsKey(field);

    public static IReadOnlyDictionary<string, int> Map(FileKind kind, SourceRecord record)
    {
        // When several columns name one field, the earliest alias wins (see FieldCatalog.Match), then the leftmost.
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Cells.Length; i++)
        {
            if (FieldCatalog.Match(kind, record.Cells[i]) is not { } match) continue;
            var (field, rank) = match;
            if (ranks.TryGetValue(field, out var best) && best <= rank) continue;
            columns[field] = i;
            ranks[field] = rank;
        }
        return columns;
    }

    /// <summary>
    /// Recognises a header row: the first record among the first 20 in which the required fields of one kind are
    /// named (with a forced kind: the first that names at least two fields of it). Returns null when none is.
    /// </summary>
    public static HeaderMatch? Find(SourceRecord record, FileKind? forced)
    {
        if (record.Malformed) return null;
        if (forced is not null)
        {
            var map = Map(forced, record);
            return map.Count >= 2 ? new HeaderMatch(forced, record, map) : null;
        }

        HeaderMatch? best = null;
        foreach (var kind in FileKind.All)
        {
            var map = Map(kind, record);
            if (!FieldCatalog.Required(kind).All(group => group.Any(map.ContainsKey))) continue;
            if (best is null || map.Count > best.Columns.Count) best = new HeaderMatch(kind, record, map);
        }
        return best;
    }
}
