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

/// <summary>
/// Bearer tokens for scripts: the user's name, security stamp and expiry, encrypted and signed by ASP.NET Core Data
/// Protection (keys kept in the data folder, so tokens outlive a restart). A token stops working when it expires or
/// when the user's password, role or region changes.
/// </summary>
public sealed class BearerTokens(IDataProtectionProvider protection, UserStore users, TimeProvider clock, IOptions<AuthOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("VolunteerStats.Auth.BearerToken.v1");

    public (string Token, DateTimeOffset ExpiresAt) Issue(UserRecord user)
    {
        var expires = clock.GetUtcNow() + options.Value.TokenLifetime;
        expires = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
        var payload = string.Join('\n', user.Username, user.SecurityStamp, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return (_protector.Protect(payload), expires);
    }

    /// <summary>The user a token stands for, or null when it is malformed, forged, expired or outdated.</summary>
    public UserRecord? Validate(string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
        var parts = payload.Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return null;
        if (clock.GetUtcNow().ToUnixTimeSeconds() >= expires) return null;
        var user = users.Find(parts[0]);
        return user is not null && user.SecurityStamp == parts[1] ? user : null;
    }
}

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
