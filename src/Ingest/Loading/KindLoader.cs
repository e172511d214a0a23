using VolunteerStats.Ingest.Headers;

namespace VolunteerStats.Ingest.Loading;

/// <summary>
/// What differs between the four kinds of file: how a row is judged and normalised, and which table it lands
/// in. The merge itself (<c>Loading/Merge.sql</c>) is shared.
/// </summary>
public abstract class KindLoader
{
    public abstract FileKind Kind { get; }

    /// <summary>Target table. A constant identifier, spliced into the merge SQL.</summary>
    public abstract string Table { get; }

    /// <summary>Target columns in staging order, <c>row_key</c> first and <c>content_hash</c>, <c>line</c> last; constants.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>SQL condition on staging alias <c>s</c>: false makes a new row unmatched.</summary>
    public virtual string MatchedCondition => "TRUE";

    /// <summary>Whether superseded versions are kept (service records, CONTRACT §1).</summary>
    public virtual string? HistoryTable => null;

    /// <summary>
    /// Judges the current row. Returns null and fills <paramref name="values"/> (one per column but
    /// <c>line</c>) when the row is valid; otherwise the reject reason.
    /// </summary>
    public abstract string? Stage(RowContext ctx, object?[] values);

    public static IReadOnlyList<KindLoader> All { get; } =
        [new Rosters.RegistrationLoader(), new ServiceRecords.ServiceRecordLoader(), new Regions.RegionLoader(), new Population.PopulationLoader()];

    public static KindLoader For(FileKind kind) => All.First(l => l.Kind == kind);
}
