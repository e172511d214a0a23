namespace VolunteerStats.Dashboard.Auth;

/// <summary>The three roles of CONTRACT §9, as stored in <c>users.role</c> and carried in the role claim.</summary>
public static class Roles
{
    /// <summary>Reads every view of the regions the user may see.</summary>
    public const string Leader = "leader";

    /// <summary>A leader who also uploads files and reads quality, rejects and exports.</summary>
    public const string Analyst = "analyst";

    /// <summary>Everything, including users and <c>/hangfire</c>.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Leader, Analyst, Admin];

    public static bool IsKnown(string? role) => role is Leader or Analyst or Admin;
}

/// <summary>
/// Authorization policy names, for <c>RequireAuthorization(Policies.X)</c> on endpoints or
/// <c>[Authorize(Policy = Policies.X)]</c> on pages. Every endpoint without one still needs a signed-in user of a
/// known role (the fallback policy): only endpoints marked <c>AllowAnonymous</c> answer without a session or token.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user (leader, analyst, admin): the fallback.</summary>
    public const string Reader = "volstats-reader";

    /// <summary>Analyst or admin: uploads, quality, rejects, exports.</summary>
    public const string Analyst = "volstats-analyst";

    /// <summary>Admin only: users and <c>/hangfire</c>.</summary>
    public const string Admin = "volstats-admin";
}

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
