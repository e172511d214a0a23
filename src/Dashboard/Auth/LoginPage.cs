using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace VolunteerStats.Dashboard.Auth;

/// <summary>The page language: zh-CN unless <c>?lang=en</c> or the <c>lang</c> cookie says English.</summary>
public static class PageLanguage
{
    public const string Cookie = "lang";

    public static bool IsEnglish(HttpContext context)
    {
        var asked = context.Request.Query["lang"].ToString();
        if (asked is "en" or "zh")
        {
            context.Response.Cookies.Append(Cookie, asked, new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = false });
            return asked == "en";
        }
        return context.Request.Cookies[Cookie] == "en";
    }
}

/// <summary>The server-rendered <c>/login</c> form (inputs <c>username</c> and <c>password</c>, CONTRACT §9) and the 403 page.</summary>
internal static class LoginPage
{
    public static string Render(HttpContext context, string? returnUrl, string? error, string? username)
    {
        var en = PageLanguage.IsEnglish(context);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var action = "/login" + (string.IsNullOrEmpty(returnUrl) ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var switchTo = en ? "zh" : "en";
        var switchUrl = "/login?lang=" + switchTo + (string.IsNullOrEmpty(returnUrl) ? "" : "&ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        string T(string zh, string english) => en ? english : zh;
        var errorHtml = error is null ? "" : $"""<p class="form-error" role="alert">{E(error)}</p>""";
        return $"""
            <!DOCTYPE html>
            <html lang="{(en ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8">
            <meta name="renderer" content="webkit">
            <meta http-equiv="X-UA-Compatible" content="IE=edge">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{T("登录 · 志愿服务指标", "Sign in · Volunteer indicators")}</title>
            <link rel="stylesheet" href="/css/site.css">
            <style>
            .login-main {"{"} max-width: 22rem; margin: 12vh auto; padding: 2rem; {"}"}
            .login-main label {"{"} display: block; margin: 1rem 0 .25rem; {"}"}
            .login-main input {"{"} width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; {"}"}
            .login-main button {"{"} margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; {"}"}
            .login-main .form-error {"{"} color: #b00020; {"}"}
            </style>
            </head>
            <body class="page-login">
            <main class="login-main">
            <h1>{T("志愿服务指标", "Volunteer indicators")}</h1>
            <form method="post" action="{E(action)}">
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken ?? "")}">
            <label for="username">{T("用户名", "User name")}</label>
            <input id="username" name="username" type="text" autocomplete="username" required autofocus value="{E(username ?? "")}">
            <label for="password">{T("密码", "Password")}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            {errorHtml}
            <button type="submit">{T("登录", "Sign in")}</button>
            </form>
            <p class="lang-switch"><a href="{E(switchUrl)}" lang="{switchTo}">{(en ? "中文" : "English")}</a></p>
            </main>
            </body>
            </html>
            """;
    }

    public static string Forbidden(HttpContext context)
    {
        var en = PageLanguage.IsEnglish(context);
        var name = context.User.Identity?.Name ?? "";
        return $"""
            <!DOCTYPE html>
            <html lang="{(en ? "en" : "zh-CN")}">
            <head><meta charset="utf-8"><meta name="renderer" content="webkit"><title>{(en ? "Access denied" : "无权访问")}</title>
            <link rel="stylesheet" href="/css/site.css"></head>
            <body><main>
            <h1>{(en ? "Access denied" : "无权访问")}</h1>
            <p>{(en ? $"The account {E(name)} may not open this page." : $"账号 {E(name)} 无权打开此页面。")}</p>
            <p><a href="/">{(en ? "Back to the overview" : "返回首页")}</a> · <a href="/logout">{(en ? "Sign out" : "退出登录")}</a></p>
            </main></body></html>
            """;
    }

    public static string E(string text) => WebUtility.HtmlEncode(text);
}
