using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Quality;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/quality</c>: the data-quality report of <c>./volstats quality</c> (one definition, <see cref="QualityService"/>):
/// totals per check, every finding, rejected rows by file and reason, and the count of unmatched service records.
/// </summary>
public static class QualityEndpoint
{
    public sealed record Finding(
        [property: JsonPropertyName("check")] string Check,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("count")] long Count,
        [property: JsonPropertyName("example")] string Example);

    public sealed record RejectCount(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("rows")] long Rows);

    public sealed record QualityReport(
        [property: JsonPropertyName("totals")] Dictionary<string, long> Totals,
        [property: JsonPropertyName("findings")] List<Finding> Findings,
        [property: JsonPropertyName("rejects")] List<RejectCount> Rejects,
        [property: JsonPropertyName("unmatched")] long Unmatched);

    public static async Task<Ok<QualityReport>> Get(DatabaseWriter writer, QualityService quality, CancellationToken ct) =>
        TypedResults.Ok(await writer.ReadAsync(connection =>
        {
            var findings = quality.Build(connection);
            var totals = QualityService.Totals(findings);
            return new QualityReport(totals,
                findings.Select(f => new Finding(f.Check, f.Subject, f.Count, f.Example)).ToList(),
                quality.RejectsByFile(connection).Select(r => new RejectCount(r.File, r.Kind, r.Reason, r.Rows)).ToList(),
                totals["unmatched_records"]);
        }, ct));
}
