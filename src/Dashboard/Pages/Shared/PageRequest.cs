using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>
/// What every page handler needs about the request: the language (?lang=, else the cookie, else zh-CN), the
/// formatter for it, the signed-in user's role and region limit, and the query parameters.
/// </summary>
public sealed class PageRequest
{
    public const string LangCookie = "vs-lang";

    public PageRequest(HttpContext http)
    {
        Http = http;
        var asked = http.Request.Query["lang"].ToString();
        var cookie = http.Request.Cookies[LangCookie];
        Lang = (asked.Length > 0 ? asked : cookie) == "en" ? Lang.En : Lang.Zh;
        if (asked is "en" or "zh" && asked != cookie)
            http.Response.Cookies.Append(LangCookie, asked, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        Format = new DisplayFormat(Lang);
        Access = PageAccess.For(http.User);
        // A copy: a page's cached read may run after the request ended (PageData.ReadCachedAsync).
        _query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString().Trim(), StringComparer.OrdinalIgnoreCase);
    }

    private readonly Dictionary<string, string> _query;

    public HttpContext Http { get; }
    public Lang Lang { get; }
    public DisplayFormat Format { get; }
    public PageAccess Access { get; }
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The data version the page's numbers are of (set by <see cref="PageData.ReadCachedAsync"/>), or null.</summary>
    public Ingest.Storage.DataVersion? DataVersion { get; private set; }

    /// <summary>Whether a newer version is being computed while this page shows <see cref="DataVersion"/>.</summary>
    public bool Stale { get; private set; }

    /// <summary>Records the version served (the footer says it) and sends it in <c>X-Data-Version</c>.</summary>
    public void Served(Ingest.Storage.DataVersion version, bool stale)
    {
        DataVersion = version;
        Stale |= stale;
        Http.Response.Headers[Api.ApiCache.VersionHeader] = version.Value;
        if (Stale) Http.Response.Headers[Api.ApiCache.StaleHeader] = "1";
    }

    public string T(L text) => text[Lang];

    public string? Query(string name)
    {
        return _query.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
    }

    public int? QueryInt(string name) =>
        int.TryParse(Query(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>?through=YYYY-MM as its month, when it names one in <paramref name="year"/> (or any year when null).</summary>
    public int? QueryMonth(string name, int? year)
    {
        var text = Query(name);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12) return m;
        return DateTime.TryParseExact(text, ["yyyy-MM", "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
               && (year is null || d.Year == year) ? d.Month : null;
    }
}

/// <summary>
/// Who is asking: role and region limit, from the signed-in user's claims. Every page checks a region with one
/// call, <see cref="Allows"/>; the region limit itself is set by the authentication side.
/// </summary>
public sealed record PageAccess(string? UserName, string? Role, string? RegionLimit)
{
    public const string Leader = "leader", Analyst = "analyst", Admin = "admin";

    public static PageAccess For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return new PageAccess(null, null, null);
        var region = user.FindFirst("region")?.Value;
        return new PageAccess(user.Identity.Name, user.FindFirst(ClaimTypes.Role)?.Value, string.IsNullOrEmpty(region) ? null : region);
    }

    public bool CanUpload => Role is Analyst or Admin;
    public bool CanSeeQuality => Role is Analyst or Admin;
    public bool IsAdmin => Role is Admin;

    /// <summary>Whether this user may see <paramref name="code"/>: no limit, or the code is the limit region or below it.</summary>
    public bool Allows(RegionIndex regions, string code) => RegionLimit is null || regions.IsUnder(code, RegionLimit);
}
