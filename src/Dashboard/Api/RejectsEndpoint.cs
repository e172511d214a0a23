using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/rejects?format=csv|json</c> (analyst): every rejected row as <c>./volstats rejects</c> prints it
/// (CONTRACT §6: <c>file,line,kind,reason,raw,field,sheet</c>), in ingest order. A rejected row's raw text may hold
/// any region, so a region-limited user gets 403 with a message, never an empty list that would read as "no rejects".
/// </summary>
public static class RejectsEndpoint
{
    public static readonly string[] Columns = ["file", "line", "kind", "reason", "raw", "field", "sheet"];

    public sealed record RejectRow(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("line")] long Line,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("raw")] string Raw,
        [property: JsonPropertyName("field")] string Field,
        [property: JsonPropertyName("sheet")] string Sheet);

    public static Task<IResult> Get(string? format, ClaimsPrincipal user, DatabaseWriter writer, CancellationToken ct) =>
        ApiRequest.ReadAsync(user, writer, (connection, access) =>
        {
            var fmt = ApiRequest.Format(format, "csv", "json");
            if (!access.IsUnlimited)
                throw new ApiForbiddenException(
                    $"rejected rows are kept per file and may hold any region; your account is limited to {access.Limit}. Ask an analyst without a region limit, or see /api/quality.");
            var rows = connection.Query(SqlScripts.Load("Storage/Rejects.sql"))
                .Select(r => new RejectRow(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)))
                .ToList();
            if (fmt == "json") return TypedResults.Ok(rows);
            var csv = new StringWriter();
            Csv.Write(csv, Columns, rows.Select(r => (IEnumerable<string?>)
                [r.File, r.Line.ToString(CultureInfo.InvariantCulture), r.Kind, r.Reason, r.Raw, r.Field, r.Sheet]));
            return ApiRequest.Text(csv.ToString(), "csv");
        }, ct);
}
