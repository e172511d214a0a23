using System.Text.Json.Serialization;

namespace VolunteerStats.Ingest.Loading;

/// <summary>What happened to one file (CONTRACT §6): rows_read = inserted + updated + unchanged + unmatched + rejected.</summary>
public sealed record IngestSummary(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("rows_read")] long RowsRead,
    [property: JsonPropertyName("inserted")] long Inserted,
    [property: JsonPropertyName("updated")] long Updated,
    [property: JsonPropertyName("unchanged")] long Unchanged,
    [property: JsonPropertyName("unmatched")] long Unmatched,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("rejected_by_reason")] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: JsonPropertyName("already_ingested")] bool AlreadyIngested)
{
    [JsonIgnore] public TimeSpan Duration { get; init; }
    [JsonIgnore] public long FileId { get; init; }

    /// <summary>What the analyst should know that no count says (CONTRACT §6): a skipped sheet, a header without data.</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Progress of a long file: rows so far and how far through the file's bytes.</summary>
public readonly record struct IngestProgress(string File, long Rows, long BytesRead, long BytesTotal, TimeSpan Elapsed);

/// <summary>A file that cannot be read at all; the message names the file and says what to do.</summary>
public sealed class IngestFailedException(string file, string message, Exception? inner = null)
    : Exception($"{file}: {message}", inner)
{
    public string File { get; } = file;
    public string Reason { get; } = message;
}

/// <summary>
/// Work that must happen in the same transaction as a file's rows, so that readers never see the rows
/// without it (the monthly indicator table, for one).
/// </summary>
public interface IIngestObserver
{
    /// <summary>
    /// After the file's rows are judged and compared with what is stored, before they are applied: the last moment
    /// the previous state can be read. Temporary views <see cref="StageTables.Final"/> (the rows the file stores) and
    /// <see cref="StageTables.Replaced"/> (the stored rows they replace) say what changes; see <c>Loading/Merge.sql</c>.
    /// </summary>
    void OnFileStaged(DuckDB.NET.Data.DuckDBConnection connection, Headers.FileKind kind, CancellationToken ct) { }

    /// <summary>After the file is applied, before the transaction commits.</summary>
    void OnFileLoaded(DuckDB.NET.Data.DuckDBConnection connection, IngestSummary summary, CancellationToken ct);

    /// <summary>
    /// After an interrupted ingest was undone (<see cref="Storage.InterruptedIngests"/>), in the same transaction:
    /// what the observer derives from the stored rows may hold part of that ingest, and is to be computed anew.
    /// </summary>
    void OnIngestUndone(DuckDB.NET.Data.DuckDBConnection connection, CancellationToken ct) { }
}
