using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VolunteerStats.Dashboard.Quality;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Api;

/// <summary><c>GET /api/quality</c>: rejected rows by file and reason, and service records still unmatched.</summary>
public static class QualityEndpoint
{
    public sealed record RejectCount(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("rows")] long Rows);

    public sealed record QualityReport(
        [property: JsonPropertyName("rejects")] List<RejectCount> Rejects,
        [property: JsonPropertyName("unmatched")] long Unmatched);

    public static async Task<Ok<QualityReport>> Get(DatabaseWriter writer, CancellationToken ct) =>
        TypedResults.Ok(await writer.ReadAsync(connection => new QualityReport(
            connection.Query(SqlScripts.Load(QualityJobs.Sql, "Quality/RejectsByFile.sql"))
                .Select(r => new RejectCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)))
                .ToList(),
            connection.Scalar<long>(SqlScripts.Load(QualityJobs.Sql, "Quality/Unmatched.sql"))), ct));
}
