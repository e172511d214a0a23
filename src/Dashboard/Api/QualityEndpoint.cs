using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VolunteerStats.Dashboard.Regions;
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
        [property: JsonPropertyName("unmatched")] long? Unmatched,
        [property: JsonPropertyName("file_level")] bool FileLevel = true);

    /// <summary>The checks whose subject is a region code: the only findings a region-limited user is shown (as in the workbook).</summary>
    private static readonly string[] RegionChecks = ["regions_without_population", "codes_not_in_regions", "id_check_digit_wrong"];

    /// <remarks>
    /// A region-limited user gets only the findings about regions within the limit; rejects and unmatched records are
    /// kept per file and may concern any region, so they are left out and <c>file_level</c> is false.
    /// </remarks>
    public static async Task<Ok<QualityReport>> Get(ClaimsPrincipal user, DatabaseWriter writer, QualityService quality, CancellationToken ct) =>
        TypedResults.Ok(await writer.ReadAsync(connection =>
        {
            var findings = quality.Build(connection);
            var access = RegionScope.For(user, connection);
            if (!access.IsUnlimited)
            {
                var mine = findings.Where(f => RegionChecks.Contains(f.Check) && access.Allows(f.Subject)).ToList();
                var limitedTotals = QualityService.Totals(mine);
                limitedTotals.Remove("rejects");
                limitedTotals.Remove("unmatched_records");
                return new QualityReport(limitedTotals, mine.Select(f => new Finding(f.Check, f.Subject, f.Count, f.Example)).ToList(), [], null, FileLevel: false);
            }
            var totals = QualityService.Totals(findings);
            return new QualityReport(totals,
                findings.Select(f => new Finding(f.Check, f.Subject, f.Count, f.Example)).ToList(),
                quality.RejectsByFile(connection).Select(r => new RejectCount(r.File, r.Kind, r.Reason, r.Rows)).ToList(),
                totals["unmatched_records"]);
        }, ct));
}
