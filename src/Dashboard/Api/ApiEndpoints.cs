using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VolunteerStats.Dashboard.Auth;

namespace VolunteerStats.Dashboard.Api;

/// <summary>
/// The read API under <c>/api</c>: one endpoint for what each page shows, and the downloads. Every route needs a
/// signed-in user (the fallback policy; 401 for anonymous); analyst-only routes say so; every answer holds only the
/// regions of the user's limit (403 for a region outside it). Parameters as <c>/api/indicators</c>: an empty one takes
/// its default, a bad one is a 400 whose message names it. See docs/api.md.
/// </summary>
public static class ApiEndpoints
{
    private const string Csv = "text/csv", Json = "application/json";

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators", IndicatorsEndpoint.Get).WithTags("indicators")
            .WithSummary("The indicators of a level (CONTRACT §5/§6): exactly the text of ./volstats indicators, CSV or JSON.")
            .Produces<string>(200, Csv, Json).Produces<IndicatorsEndpoint.Error>(400, Json).Produces<IndicatorsEndpoint.Error>(403, Json);
        api.MapGet("/ingests", IngestsEndpoint.Get).RequireAuthorization(Policies.Analyst).WithTags("data")
            .WithSummary("One summary per ingested file, newest first (analyst).");
        api.MapGet("/quality", QualityEndpoint.Get).RequireAuthorization(Policies.Analyst).WithTags("data")
            .WithSummary("The data-quality report: totals per check, findings, rejects by file and reason, unmatched records (analyst).");
        api.MapGet("/rejects", RejectsEndpoint.Get).RequireAuthorization(Policies.Analyst).WithTags("data")
            .WithSummary("Every rejected row as ./volstats rejects prints it: file,line,kind,reason,raw,field,sheet (analyst; 403 for a region-limited user).")
            .Produces<List<RejectsEndpoint.RejectRow>>(200, Json).Produces<string>(200, Csv).Errors();

        api.MapGet("/regions", RegionsEndpoint.List).WithTags("regions")
            .WithSummary("The regions the user may see, with level and parent (the region tree), optionally of one level or parent.")
            .Produces<List<RegionsEndpoint.RegionItem>>(200, Json).Produces<string>(200, Csv).Errors();
        api.MapGet("/regions/{code}", RegionsEndpoint.Get).WithTags("regions")
            .WithSummary("One region (code or name): its path from the top and its children.")
            .Produces<RegionsEndpoint.RegionDetail>(200, Json).Errors();
        api.MapGet("/regions/{code}/trend", RegionsEndpoint.Trend).WithTags("regions")
            .WithSummary("A region's indicators month by month, January through the month: the text of ./volstats trend (month + §6 columns).")
            .Produces<string>(200, Csv, Json).Errors();
        api.MapGet("/stars", StarsEndpoint.Get).WithTags("stars")
            .WithSummary("Star volunteers (1–5 stars) per sub-region, the volunteers (masked names) and organizations with most hours, as ./volstats stars.")
            .Produces<StarsEndpoint.StarsReport>(200, Json).Produces<string>(200, Csv).Errors();
        api.MapGet("/forecast", ForecastEndpoint.Get).WithTags("forecast")
            .WithSummary("The year-end forecast of ./volstats forecast (CONTRACT §10) from the stored models; 503 with trained=false while none is trained for the current data.")
            .Produces<string>(200, Csv, Json).Produces<ForecastEndpoint.NotTrained>(503, Json).Errors();
        api.MapGet("/anomalies", AnomaliesEndpoint.Get).RequireAuthorization(Policies.Analyst).WithTags("forecast")
            .WithSummary("Hours that deserve a second look, most suspicious first, as ./volstats anomalies (CONTRACT §10; analyst).")
            .Produces<string>(200, Csv, Json).Errors();

        api.MapGet("/export.xlsx", ExportEndpoint.Get).RequireAuthorization(Policies.Analyst).WithTags("downloads")
            .WithSummary("The workbook of ./volstats export: §6 columns on the first sheet, then trend, stars and quality (analyst).")
            .Produces(200, null, ExportEndpoint.XlsxType).Errors();
        api.MapGet("/charts/{kind}.{format}", ChartsEndpoint.Get).WithTags("downloads")
            .WithSummary("A chart of ./volstats chart: kind ranking, trend or coverage; format png or svg.")
            .Produces(200, null, "image/png", "image/svg+xml").Errors();
        api.MapGet("/briefings/{month}.{format}", BriefingsEndpoint.Get).WithTags("downloads")
            .WithSummary("The month's 简报 (YYYY-MM) as docx, pdf or html: the one the monthly job wrote, else made on demand; a region-limited user gets their region's.")
            .Produces(200, null, "application/pdf", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document").Errors();
        return api;
    }

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder) => builder
        .Produces<ApiRequest.ApiError>(400, Json).Produces<ApiRequest.ApiError>(403, Json).Produces<ApiRequest.ApiError>(404, Json);
}
