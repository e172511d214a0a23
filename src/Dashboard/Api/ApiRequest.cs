using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Serialization;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;
using VolunteerStats.Reports.Scope;

namespace VolunteerStats.Dashboard.Api;

/// <summary>A query argument the API cannot read; the message names it (answered 400).</summary>
public sealed class ApiArgumentException(string message) : Exception(message);

/// <summary>A region or document outside what the user may see (answered 403).</summary>
public sealed class ApiForbiddenException(string message) : Exception(message);

/// <summary>A region or document named in the path that does not exist (answered 404).</summary>
public sealed class ApiNotFoundException(string message) : Exception(message);

/// <summary>
/// What every <c>/api/</c> endpoint shares: reading on a connection of its own with the user's region access, the
/// same argument rules as <c>/api/indicators</c> (an empty parameter takes its default; a bad one is a 400 naming it;
/// a region outside the user's limit a 403), and CSV / JSON / file answers.
/// </summary>
public static class ApiRequest
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string JsonType = "application/json; charset=utf-8";

    /// <summary>The body of every error answer: <c>{"error": "…"}</c>.</summary>
    public sealed record ApiError([property: JsonPropertyName("error")] string Error);

    /// <summary>
    /// Runs <paramref name="read"/> on a read connection with the user's <see cref="RegionAccess"/>, turning the
    /// argument and scope exceptions of Metrics, Reports and this API into 400, 403 and 404 answers.
    /// </summary>
    public static async Task<IResult> ReadAsync(ClaimsPrincipal user, DatabaseWriter writer,
        Func<DuckDBConnection, RegionAccess, IResult> read, CancellationToken ct)
    {
        try
        {
            return await writer.ReadAsync(connection => read(connection, RegionScope.For(user, connection)), ct);
        }
        catch (Exception e) when (Answer(e) is { } answer)
        {
            return answer;
        }
    }

    /// <summary>The answer for an exception that means a bad request, a forbidden region or a missing thing; else null.</summary>
    public static IResult? Answer(Exception e) => e switch
    {
        IndicatorQueryException or ApiArgumentException or UnknownRegionException or ArgumentException
            => TypedResults.BadRequest(new ApiError(e.Message)),
        ApiForbiddenException or ReportScopeException => TypedResults.Json(new ApiError(e.Message), statusCode: StatusCodes.Status403Forbidden),
        ApiNotFoundException => TypedResults.NotFound(new ApiError(e.Message)),
        _ => null,
    };

    public static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The format asked for, one of <paramref name="allowed"/> (the first is the default).</summary>
    public static string Format(string? format, params string[] allowed)
    {
        var f = Given(format)?.ToLowerInvariant() ?? allowed[0];
        return allowed.Contains(f) ? f : throw new ApiArgumentException($"format must be one of {string.Join(", ", allowed)}; got '{format}'.");
    }

    /// <summary>
    /// Year and month of a view: <c>year</c> (default: the latest year with service records) and <c>through</c>
    /// (YYYY-MM in that year; default as <c>indicators</c>: the latest month of a stored record). A <c>through</c>
    /// alone gives its year.
    /// </summary>
    public static (int Year, int Month) Period(DuckDBConnection connection, IndicatorService indicators, string? year, string? through)
    {
        int y;
        if (Given(year) is { } yearText)
            y = IndicatorQueryParser.Parse(yearText, null, null, null).Year;
        else if (Given(through) is { } t)
            y = DateTime.TryParseExact(t, ["yyyy-MM", "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.Year : throw new ApiArgumentException($"through expects YYYY-MM, got '{t}'.");
        else
            y = LatestYear(connection);
        var month = IndicatorQueryParser.ParseThrough(through, y) ?? indicators.DefaultThrough(connection, y);
        return (y, month);
    }

    /// <summary>The latest year of a stored service record, else of a registration, else this year.</summary>
    public static int LatestYear(DuckDBConnection connection) =>
        connection.Scalar<int?>("""
            SELECT coalesce((SELECT max(year(service_date)) FROM service_records),
                            (SELECT max(year(registered_at)) FROM registrations))::INTEGER
            """) ?? DateTime.UtcNow.AddHours(8).Year;

    /// <summary>
    /// A region given by code or name (<see cref="RegionResolver"/>: unknown or ambiguous is a 400 naming
    /// <paramref name="argument"/>), which must lie within the user's limit (else 403). Null when not given.
    /// </summary>
    public static string? Region(DuckDBConnection connection, RegionAccess access, string? text, string argument)
    {
        if (Given(text) is not { } typed) return null;
        var code = RegionResolver.Resolve(connection, typed, argument);
        Require(access, code, argument);
        return code;
    }

    /// <summary>Throws <see cref="ApiForbiddenException"/> unless the user may see <paramref name="code"/>.</summary>
    public static void Require(RegionAccess access, string code, string argument)
    {
        if (!access.Allows(code))
            throw new ApiForbiddenException($"{argument} {code} is outside the region you may see ({access.Limit}).");
    }

    /// <summary>The user's region limit as a Reports scope (charts, workbooks and briefings enforce it themselves).</summary>
    public static ReportScope Scope(RegionAccess access) => access.Limit is null ? ReportScope.Everything : new ReportScope(access.Limit);

    public static IResult Text(string text, string format) => TypedResults.Text(text, format == "csv" ? CsvType : JsonType);

    /// <summary>
    /// A download: <c>Content-Disposition: attachment</c> with the Chinese name as RFC 5987 <c>filename*</c> and
    /// <paramref name="asciiName"/> as the plain <c>filename</c> for clients that read only that.
    /// </summary>
    public static IResult File(HttpContext http, byte[] bytes, string contentType, string name, string asciiName)
    {
        http.Response.Headers.ContentDisposition = ContentDisposition(name, asciiName);
        return TypedResults.File(bytes, contentType);
    }

    public static string ContentDisposition(string name, string asciiName) =>
        $"attachment; filename=\"{asciiName.Replace("\"", "", StringComparison.Ordinal)}\"; filename*=UTF-8''{Rfc5987(name)}";

    /// <summary>RFC 5987 <c>value-chars</c>: attr-char kept, every other UTF-8 byte percent-encoded.</summary>
    public static string Rfc5987(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c)) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
