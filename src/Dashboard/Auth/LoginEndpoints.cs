using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VolunteerStats.Dashboard.Users;

namespace VolunteerStats.Dashboard.Auth;

/// <summary><c>/login</c>, <c>/logout</c>, <c>POST /api/auth/token</c> and <c>GET /api/auth/me</c>.</summary>
public static class LoginEndpoints
{
    public sealed record TokenRequest(
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("password")] string? Password);

    public sealed record TokenResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

    public sealed record Me(
        [property: JsonPropertyName("username")] string Username,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("region")] string? Region);

    public sealed record ErrorBody([property: JsonPropertyName("error")] string Error);

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuthHostExtensions.LoginPath, (HttpContext context, string? returnUrl) =>
                Html(LoginPage.Render(context, LocalOrNull(returnUrl), null, null)))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost(AuthHostExtensions.LoginPath, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(AuthHostExtensions.LogoutPath, (Func<HttpContext, Task<IResult>>)SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(AuthHostExtensions.LogoutPath, (Func<HttpContext, Task<IResult>>)SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        var auth = app.MapGroup("/api/auth").WithTags("auth");
        auth.MapPost("/token", Token).AllowAnonymous().DisableAntiforgery()
            .WithSummary("A bearer token for scripts: send it as Authorization: Bearer TOKEN on every /api call.");
        auth.MapGet("/me", (System.Security.Claims.ClaimsPrincipal user) => TypedResults.Ok(new Me(
                user.Identity!.Name!, user.FindFirst(System.Security.Claims.ClaimTypes.Role)!.Value, user.FindFirst(AuthSchemes.RegionClaim)?.Value)))
            .WithSummary("The signed-in user: name, role and region limit (null: every region).");
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, UserStore users, string? returnUrl)
    {
        var target = LocalOrNull(returnUrl);
        if (!context.Request.HasFormContentType) return Html(LoginPage.Render(context, target, Text(context, "请填写用户名和密码。", "Enter your user name and password."), null), 400);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString().Trim();
        if (!await antiforgery.IsRequestValidAsync(context))
            return Html(LoginPage.Render(context, target, Text(context, "页面已过期，请重新登录。", "The page expired; please sign in again."), username), 400);
        var (result, user) = users.CheckPassword(username, form["password"].ToString());
        switch (result)
        {
            case PasswordCheck.Success:
                await context.SignInAsync(AuthSchemes.Cookie, UserPrincipal.Create(user!, AuthSchemes.Cookie));
                return Results.Redirect(target ?? "/");
            case PasswordCheck.LockedOut:
                return Html(LoginPage.Render(context, target, Text(context,
                    $"错误次数过多，账号已锁定至 {ChinaTime(user!.LockedUntil!.Value):HH:mm}（北京时间）。",
                    $"Too many wrong passwords: the account is locked until {ChinaTime(user!.LockedUntil!.Value):HH:mm} (Beijing time)."), username), 429);
            default:
                return Html(LoginPage.Render(context, target, Text(context, "用户名或密码不正确。", "Wrong user name or password."), username), 401);
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthSchemes.Cookie);
        return Results.Redirect(AuthHostExtensions.LoginPath);
    }

    private static Results<Ok<TokenResponse>, JsonHttpResult<ErrorBody>> Token(TokenRequest? request, UserStore users, BearerTokens tokens)
    {
        var (result, user) = users.CheckPassword(request?.Username?.Trim(), request?.Password);
        return result switch
        {
            PasswordCheck.Success => TypedResults.Ok(ToResponse(tokens.Issue(user!))),
            PasswordCheck.LockedOut => TypedResults.Json(new ErrorBody($"account locked until {user!.LockedUntil:yyyy-MM-ddTHH:mm:ssZ} after repeated wrong passwords"), statusCode: 401),
            _ => TypedResults.Json(new ErrorBody("wrong user name or password"), statusCode: 401),
        };
    }

    private static TokenResponse ToResponse((string Token, DateTimeOffset ExpiresAt) issued) => new(issued.Token, issued.ExpiresAt);

    /// <summary>A return address on this site only (<c>/x</c>, never <c>//host</c> or <c>/\host</c>), else null.</summary>
    internal static string? LocalOrNull(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\r') && !url.Contains('\n')
            ? url
            : null;

    private static string Text(HttpContext context, string zh, string en) => PageLanguage.IsEnglish(context) ? en : zh;

    private static DateTime ChinaTime(DateTime utc) => utc.AddHours(8);

    private static IResult Html(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
