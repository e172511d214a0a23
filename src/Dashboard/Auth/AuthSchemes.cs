namespace VolunteerStats.Dashboard.Auth;

/// <summary>Authentication scheme names and the claims a signed-in user carries.</summary>
public static class AuthSchemes
{
    /// <summary>The pages' cookie (login at <c>/login</c>).</summary>
    public const string Cookie = "volstats-cookie";

    /// <summary><c>Authorization: Bearer TOKEN</c> from <c>POST /api/auth/token</c>.</summary>
    public const string Bearer = "volstats-bearer";

    /// <summary>The default: the bearer scheme when the request carries an Authorization header, else the cookie.</summary>
    public const string Default = "volstats";

    /// <summary>Claim holding the region code the user is limited to; absent when the user sees every region.</summary>
    public const string RegionClaim = "region";

    /// <summary>Claim holding the user's security stamp: a session or token whose stamp is no longer current is refused.</summary>
    public const string StampClaim = "stamp";
}
