using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Reports.Briefings;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/briefings/{YYYY-MM}.{docx|pdf|html}?region=</c>: the month's 简报 (CONTRACT §8). The one the monthly
/// job wrote under <c>DATA/briefings/YYYY-MM/</c> when there is one for that region (the issued text, with its issue
/// number), else made on demand from the current data (its issue number provisional, nothing recorded). The region
/// defaults as for <c>./volstats briefing</c>; a region-limited user gets their own region's briefing (the default)
/// or one below it, never the city's (403).
/// </summary>
public static class BriefingsEndpoint
{
    public const string SourceHeader = "X-Briefing-Source";

    private static readonly Dictionary<string, string> Types = new()
    {
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["pdf"] = "application/pdf",
        ["html"] = "text/html; charset=utf-8",
    };

    public static async Task<IResult> Get(string month, string format, string? region, HttpContext http, DatabaseWriter writer,
        BriefingService briefings, BriefingBuilder builder, BriefingWriter files, IOptions<ServerOptions> server, CancellationToken ct)
    {
        var ext = format.ToLowerInvariant();
        if (!Types.TryGetValue(ext, out var contentType))
            return TypedResults.NotFound(new ApiRequest.ApiError($"a briefing is .docx, .pdf or .html; got '.{format}'."));
        if (!DateTime.TryParseExact(month, ["yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            return TypedResults.BadRequest(new ApiRequest.ApiError($"month expects YYYY-MM (/api/briefings/2024-10.pdf), got '{month}'."));
        try
        {
            // The region first (cheap): a stored briefing is served without computing anything.
            var (code, content) = await writer.ReadAsync(connection =>
            {
                var access = RegionScope.For(http.User, connection);
                var asked = ApiRequest.Region(connection, access, region, "region");
                var scope = ApiRequest.Scope(access);
                var request = new BriefingRequest(m.Year, m.Month, asked);
                var resolved = builder.ResolveRegion(connection, request, scope);
                var stored = StoredPath(server.Value, resolved, m.Year, m.Month, ext);
                return (resolved, File.Exists(stored) ? null : briefings.Prepare(connection, request with { Region = resolved }, scope, canWrite: false));
            }, ct);
            var name = $"简报_{code}_{m.Year}-{m.Month:00}.{ext}";
            var ascii = $"briefing_{code}_{m.Year}-{m.Month:00}.{ext}";
            if (content is null)
            {
                http.Response.Headers[SourceHeader] = "stored";
                return ApiRequest.File(http, await File.ReadAllBytesAsync(StoredPath(server.Value, code, m.Year, m.Month, ext), ct), contentType, name, ascii);
            }
            http.Response.Headers[SourceHeader] = "generated";
            var doc = BriefingComposer.Compose(content);
            if (ext == "docx") return ApiRequest.File(http, DocxRenderer.Render(doc), contentType, name, ascii);
            if (ext == "html") return ApiRequest.File(http, System.Text.Encoding.UTF8.GetBytes(HtmlRenderer.Render(doc)), contentType, name, ascii);
            var folder = Directory.CreateTempSubdirectory("volstats-briefing-").FullName;
            try
            {
                var written = await files.WriteAsync(content, folder, ct);
                if (written.PdfError is { } error)
                    return TypedResults.Json(new ApiRequest.ApiError($"无法生成PDF，请下载 .docx 或 .html。The PDF could not be made: {error}"),
                        statusCode: StatusCodes.Status503ServiceUnavailable);
                var pdf = written.Paths.Single(p => p.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
                return ApiRequest.File(http, await File.ReadAllBytesAsync(pdf, ct), contentType, name, ascii);
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        }
        catch (Exception e) when (ApiRequest.Answer(e) is { } answer)
        {
            return answer;
        }
    }

    /// <summary>Where the monthly job writes a briefing: <c>DATA/briefings/YYYY-MM/简报_CODE_YYYY-MM.EXT</c>.</summary>
    public static string StoredPath(ServerOptions server, string region, int year, int month, string ext) =>
        Path.Combine(server.DataDirectory, "briefings", $"{year}-{month:00}", $"简报_{region}_{year}-{month:00}.{ext}");
}
