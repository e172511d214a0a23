using System.Security.Claims;
using VolunteerStats.Dashboard.Users;

namespace VolunteerStats.Dashboard.Auth;

/// <summary>The claims of a signed-in user: name, role, region limit (when any) and security stamp.</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal Create(UserRecord user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, user.Role),
            new(AuthSchemes.StampClaim, user.SecurityStamp),
        };
        if (user.Region is not null) claims.Add(new Claim(AuthSchemes.RegionClaim, user.Region));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The stored user behind a principal, or null when it was deleted or changed since (stamp differs).</summary>
    public static UserRecord? Current(ClaimsPrincipal principal, UserStore users)
    {
        var user = users.Find(principal.Identity?.Name);
        return user is not null && user.SecurityStamp == principal.FindFirst(AuthSchemes.StampClaim)?.Value ? user : null;
    }
}
