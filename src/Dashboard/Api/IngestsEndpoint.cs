using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Api;

/// <summary><c>GET /api/ingests</c>: one summary per ingested file (the <c>files</c> table), newest first.</summary>
public static class IngestsEndpoint
{
    public sealed record IngestRow(
        [property: JsonPropertyName("file_id")] long FileId,
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("ingested_at")] DateTime IngestedAt,
        [property: JsonPropertyName("rows_read")] long RowsRead,
        [property: JsonPropertyName("inserted")] long Inserted,
        [property: JsonPropertyName("updated")] long Updated,
        [property: JsonPropertyName("unchanged")] long Unchanged,
        [property: JsonPropertyName("unmatched")] long Unmatched,
        [property: JsonPropertyName("rejected")] long Rejected,
        [property: JsonPropertyName("rejected_by_reason")] Dictionary<string, long> RejectedByReason);

    public static async Task<Ok<List<IngestRow>>> Get(DatabaseWriter writer, CancellationToken ct) =>
        TypedResults.Ok(await writer.ReadAsync(connection => connection.Query(
                """
                SELECT file_id, name, kind, ingested_at, rows_read, inserted, updated, unchanged, unmatched, rejected, rejected_by_reason
                FROM files
                ORDER BY ingested_at DESC, file_id DESC
                """)
            .Select(r => new IngestRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDateTime(3),
                r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9),
                JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(10)) ?? []))
            .ToList(), ct));
}
