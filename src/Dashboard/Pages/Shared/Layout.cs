using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>The frame of every page: head (webkit renderer for dual-core browsers), top bar, footer with 数据截至.</summary>
public static class Layout
{
    public const string AssetVersion = "2";

    public static IResult Page(PageRequest req, string title, string active, Raw body, Freshness? freshness, bool charts = false, int status = 200)
    {
        var w = new HtmlWriter();
        var lang = req.Lang == Lang.Zh ? "zh-CN" : "en";
        w.Add($"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
            <meta charset="utf-8">
            <meta name="renderer" content="webkit">
            <meta http-equiv="X-UA-Compatible" content="IE=edge">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · {req.T(Str.Brand)}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/css/site.css?v={AssetVersion}">
            </head>
            <body>
            <header class="topbar">
              <a class="brand" href="/"><span class="brand-mark">志</span><span class="brand-text">{req.T(Str.Brand)}<small>{req.T(Str.BrandSub)}</small></span></a>
              <nav class="nav">
            """);
        NavItem(w, req, "/", Str.NavOverview, active == "overview");
        NavItem(w, req, "/ranking", Str.NavRanking, active == "ranking");
        NavItem(w, req, "/stars", Str.NavStars, active == "stars");
        if (req.Access.CanSeeQuality) NavItem(w, req, "/quality", Str.NavQuality, active == "quality");
        if (req.Access.CanUpload) NavItem(w, req, "/upload", Str.NavUpload, active == "upload");
        NavItem(w, req, "/screen", Str.NavScreen, false);
        if (req.Access.IsAdmin) NavItem(w, req, "/admin/users", Str.NavUsers, active == "users");
        w.Add($"""
              </nav>
              <div class="user">
            """);
        if (req.Access.UserName is { } user)
        {
            w.Add($"""<span class="user-name">{user}</span>""");
            if (req.Access.Role is { } role) w.Add($"""<span class="role">{RoleName(req, role)}</span>""");
            if (req.Access.RegionLimit is { } limit) w.Add($"""<span class="role">{limit}</span>""");
            w.Add($"""<form method="post" action="/logout" class="inline"><button type="submit" class="link">{req.T(Str.SignOut)}</button></form>""");
        }
        w.Add($"""<a class="lang" href="{SwitchLanguageUrl(req)}">{req.T(Str.SwitchLanguage)}</a>""");
        w.Add($"""
              </div>
            </header>
            <main class="main">
            {body}
            </main>
            <footer class="footer">{FreshnessLine(req, freshness)}</footer>
            """);
        if (charts) w.Add($"""<script src="/lib/echarts/echarts.min.js?v=6.1.0"></script>""");
        w.Add($"""
            <script src="/js/site.js?v={AssetVersion}"></script>
            </body>
            </html>
            """);
        return Results.Content(w.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static Raw FreshnessLine(PageRequest req, Freshness? f)
    {
        if (f is null) return Raw.Empty;
        var f1 = req.Format;
        var service = f.LatestServiceDate is { } d ? f1.Date(d) : "—";
        var file = f.LastFile is { } name && f.LastLoadedAt is { } at ? $"{name}（{f1.DateTime(at)}）" : "—";
        if (req.Lang == Lang.En) file = f.LastFile is { } n2 && f.LastLoadedAt is { } at2 ? $"{n2} ({f1.DateTime(at2)})" : "—";
        // Which data version these numbers are of, and whether newer data are being computed (shown meanwhile: these).
        var version = req.DataVersion is { } v
            ? HtmlWriter.Fragment($""" · <span class="data-version" data-version="{v.Value}"{(req.Stale ? new Raw(" data-stale") : Raw.Empty)}>{req.T(Str.DataVersion)} {v.Value[..8]}{(req.Stale ? req.T(Str.DataUpdating) : "")}</span>""")
            : Raw.Empty;
        return HtmlWriter.Fragment($"""<span class="asof"><b>{req.T(Str.DataAsOf)}</b> {req.T(Str.LatestServiceDate)} {service} · {req.T(Str.LastFileLoaded)} {file}{version}</span>""");
    }

    private static void NavItem(HtmlWriter w, PageRequest req, string href, L text, bool active) =>
        w.Add($"""<a href="{href}"{(active ? new Raw(" class=\"active\" aria-current=\"page\"") : Raw.Empty)}>{req.T(text)}</a>""");

    public static string RoleName(PageRequest req, string role) => role switch
    {
        PageAccess.Leader => req.Lang == Lang.Zh ? "领导" : "leader",
        PageAccess.Analyst => req.Lang == Lang.Zh ? "分析员" : "analyst",
        PageAccess.Admin => req.Lang == Lang.Zh ? "管理员" : "admin",
        _ => role,
    };

    /// <summary>The current URL with <c>lang</c> set to the other language.</summary>
    public static string SwitchLanguageUrl(PageRequest req) => WithQuery(req.Http.Request, "lang", req.Lang == Lang.Zh ? "en" : "zh");

    /// <summary>The current path and query with one parameter set (or removed when <paramref name="value"/> is null).</summary>
    public static string WithQuery(HttpRequest request, string name, string? value) => WithQuery(request, new Dictionary<string, string?> { [name] = value });

    public static string WithQuery(HttpRequest request, IReadOnlyDictionary<string, string?> changes)
    {
        var query = new Dictionary<string, StringValues>(request.Query.Where(q => !changes.ContainsKey(q.Key)));
        foreach (var (k, v) in changes)
            if (v is not null) query[k] = v;
        var url = request.PathBase + request.Path;
        return QueryHelpers.AddQueryString(url, query.Where(q => q.Value.Count > 0 && q.Key != "lang" || changes.ContainsKey(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
    }

    /// <summary>A URL with the given query parameters (nulls left out).</summary>
    public static string Url(string path, params (string Name, string? Value)[] query) =>
        QueryHelpers.AddQueryString(path, query.Where(q => q.Value is not null).Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));

    /// <summary>A page that says why there is nothing to show (no data, forbidden, unknown region).</summary>
    public static IResult Message(PageRequest req, string title, string message, Freshness? freshness, int status)
    {
        var body = HtmlWriter.Fragment($"""<section class="card empty"><h1>{title}</h1><p>{message}</p></section>""");
        return Page(req, title, "", body, freshness, status: status);
    }
}
