using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/indicators?year=&amp;through=YYYY-MM&amp;level=&amp;parent=&amp;format=csv|json</c>: the same text as
/// <c>./volstats indicators</c> with the same arguments (defaults: level district, format csv; an empty parameter
/// takes its default, as CONTRACT §7's <c>?year=&amp;through=&amp;level=&amp;parent=</c> may send it).
/// </summary>
public static class IndicatorsEndpoint
{
    public sealed record Error(string Message);

    public static async Task<Results<ContentHttpResult, BadRequest<Error>>> Get(
        string? year, string? through, string? level, string? parent, string? format,
        DatabaseWriter writer, IndicatorService indicators, CancellationToken ct)
    {
        if (!TryParse(year, through, level, parent, format, out var query, out var fmt, out var error))
            return TypedResults.BadRequest(new Error(error));
        string text;
        try
        {
            text = await writer.ReadAsync(connection => IndicatorFormats.Render(indicators.Compute(connection, query), fmt), ct);
        }
        catch (IndicatorQueryException e)
        {
            return TypedResults.BadRequest(new Error(e.Message)); // an unknown parent, or an ambiguous name (Metrics/Regions/RegionResolver)
        }
        var contentType = fmt == "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
        return TypedResults.Text(text, contentType);
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
