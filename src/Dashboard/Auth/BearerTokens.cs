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
