using System.Globalization;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/indicators?year=&amp;through=YYYY-MM&amp;level=&amp;parent=&amp;format=csv|json</c>: the same text as
/// <c>./volstats indicators</c> with the same arguments (defaults: level district, format csv; an empty parameter
/// takes its default, as CONTRACT §7's <c>?year=&amp;through=&amp;level=&amp;parent=</c> may send it).
/// </summary>
public static class IndicatorsEndpoint
{
    public sealed record Error(string Message);

    /// <remarks>
    /// A region-limited user gets only the rows of their region and below; a parent outside it answers 403. Answers are
    /// cached per data version, region limit and normalized query (<see cref="ApiCache"/>); the text is the same.
    /// </remarks>
    public static async Task<IResult> Get(string? year, string? through, string? level, string? parent, string? format,
        HttpContext http, ApiCache cache, IndicatorService indicators)
    {
        if (!TryParse(year, through, level, parent, format, out var query, out var fmt, out var error))
            return TypedResults.BadRequest(new Error(error));
        var contentType = fmt == "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
        string?[] key = [query.Year.ToString(CultureInfo.InvariantCulture), query.Through?.ToString(CultureInfo.InvariantCulture), query.Level, query.Parent, fmt];
        return await cache.AnswerAsync(http, "indicators", key, (connection, access) =>
        {
            try
            {
                // An unknown parent or an ambiguous name is a 400 naming it (Metrics/Regions/RegionResolver); a parent
                // outside the user's region is a 403, judged on the resolved code so a region name cannot slip past.
                var resolved = query.Parent is null ? query : query with { Parent = RegionResolver.Resolve(connection, query.Parent, "parent") };
                if (resolved.Parent is not null && !access.Allows(resolved.Parent))
                    return TypedResults.Json(new Error($"parent {query.Parent} is outside the region you may see."), statusCode: 403);
                return TypedResults.Text(IndicatorFormats.Render(access.Filter(indicators.Compute(connection, resolved), r => r.RegionCode).ToList(), fmt), contentType);
            }
            catch (IndicatorQueryException e)
            {
                return TypedResults.BadRequest(new Error(e.Message));
            }
        });
    }

    internal static bool TryParse(string? yearText, string? through, string? level, string? parent, string? format,
        out IndicatorQuery query, out string fmt, out string error)
    {
        query = new IndicatorQuery(0);
        fmt = Given(format) ?? "csv";
        error = "";
        try
        {
            query = IndicatorQueryParser.Parse(yearText, through, level, parent);
        }
        catch (IndicatorQueryException e)
        {
            error = e.Message;
            return false;
        }
        if (fmt is not ("csv" or "json"))
        {
            error = $"format must be one of csv, json; got '{fmt}'.";
            return false;
        }
        return true;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
