using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Users;

namespace VolunteerStats.Dashboard.Auth;

/// <summary>Authenticates <c>Authorization: Bearer TOKEN</c>; a refused request gets 401 with <c>WWW-Authenticate: Bearer</c>.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryGetToken(Request.Headers.Authorization.ToString(), out var token)) return Task.FromResult(AuthenticateResult.NoResult());
        var user = tokens.Validate(token);
        if (user is null) return Task.FromResult(AuthenticateResult.Fail("The bearer token is invalid or has expired."));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(user, Scheme.Name), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"volstats\"";
        await Response.WriteAsJsonAsync(new { error = "登录已失效或令牌无效 (sign in: POST /api/auth/token, then send Authorization: Bearer TOKEN)." });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await Response.WriteAsJsonAsync(new { error = "无权访问 (your role or region does not allow this)." });
    }

    internal static bool TryGetToken(string header, out string token)
    {
        token = "";
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        token = header["Bearer ".Length..].Trim();
        return token.Length > 0;
    }
}
