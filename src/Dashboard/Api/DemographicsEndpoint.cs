using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Demographics;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// <c>GET /api/demographics?year=&amp;through=YYYY-MM&amp;region=&amp;top=</c>: who the volunteers of a region are at the
/// end of the month — registered and active by age band, gender, political status, organization and service category
/// (<see cref="DemographicsService"/>). Every panel adds up to the region's <c>registered</c> and <c>active</c> in
/// <c>/api/indicators</c>. The region defaults to the user's region limit; a region outside it answers 403.
/// </summary>
public static class DemographicsEndpoint
{
    public sealed record SliceView(
        [property: JsonPropertyName("value")] string? Value,
        [property: JsonPropertyName("label")] string Label,
        [property: JsonPropertyName("label_en")] string LabelEn,
        [property: JsonPropertyName("registered")] long Registered,
        [property: JsonPropertyName("active")] long Active);

    public sealed record PanelView(
        [property: JsonPropertyName("dimension")] string Dimension,
        [property: JsonPropertyName("label")] string Label,
        [property: JsonPropertyName("label_en")] string LabelEn,
        [property: JsonPropertyName("registered")] long Registered,
        [property: JsonPropertyName("active")] long Active,
        [property: JsonPropertyName("slices")] IReadOnlyList<SliceView> Slices);

    public sealed record DemographicsView(
        [property: JsonPropertyName("region_code")] string RegionCode,
        [property: JsonPropertyName("region_name")] string RegionName,
        [property: JsonPropertyName("year")] int Year,
        [property: JsonPropertyName("through")] string Through,
        [property: JsonPropertyName("registered")] long Registered,
        [property: JsonPropertyName("active")] long Active,
        [property: JsonPropertyName("panels")] IReadOnlyList<PanelView> Panels)
    {
        public static DemographicsView Of(DemographicsResult r) => new(r.RegionCode, r.RegionName, r.Year, $"{r.Year:D4}-{r.Through:D2}",
            r.Registered, r.Active, r.Panels.Select(p => new PanelView(p.Dimension, DemographicLabels.Dimension(p.Dimension, false),
                DemographicLabels.Dimension(p.Dimension, true), p.Registered, p.Active,
                p.Slices.Select(s => new SliceView(s.Value is DemographicsService.NoService or DemographicsService.Others ? s.Value.TrimStart('\u0001') : s.Value,
                    DemographicLabels.Value(p.Dimension, s.Value, false), DemographicLabels.Value(p.Dimension, s.Value, true), s.Registered, s.Active)).ToList())).ToList());
    }

    public sealed record Error([property: JsonPropertyName("error")] string Message);

    /// <summary>Maps the endpoint (any signed-in role; the region limit applies).</summary>
    public static IEndpointRouteBuilder MapDemographicsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/demographics", Get).WithTags("demographics")
            .WithSummary("Registered and active volunteers of a region by age band, gender, political status, organization and service category.")
            .Produces<DemographicsView>(200, "application/json").Produces<Error>(400, "application/json").Produces<Error>(403, "application/json");
        return app;
    }

    public static async Task<IResult> Get(string? year, string? through, string? region, int? top, HttpContext http, ApiCache cache,
        DemographicsService demographics)
    {
        IndicatorQuery query;
        try
        {
            query = IndicatorQueryParser.Parse(year, through, null, null);
        }
        catch (IndicatorQueryException e)
        {
            return TypedResults.BadRequest(new Error(e.Message));
        }
        if (top is < 1) return TypedResults.BadRequest(new Error($"top must be at least 1; got {top}."));
        string?[] key = [query.Year.ToString(CultureInfo.InvariantCulture), query.Through?.ToString(CultureInfo.InvariantCulture), region, top?.ToString(CultureInfo.InvariantCulture)];
        return await cache.AnswerAsync(http, "demographics", key, (connection, access) =>
        {
            try
            {
                // No region: the user's region, else the office's (the lowest region above all others, as the overview).
                var asked = string.IsNullOrWhiteSpace(region) ? access.Limit ?? PageData.Regions(connection).Top() : region;
                if (asked is null)
                    throw new IndicatorQueryException("region is required (region=CODE or a name): the regions file has several top regions.");
                var code = RegionResolver.Resolve(connection, asked, "region");
                if (!access.Allows(code)) return TypedResults.Json(new Error($"region {region} is outside the region you may see."), statusCode: 403);
                return TypedResults.Ok(DemographicsView.Of(demographics.Table(connection, query.Year, query.Through).For(code, top)));
            }
            catch (IndicatorQueryException e)
            {
                return TypedResults.BadRequest(new Error(e.Message));
            }
        });
    }
}
