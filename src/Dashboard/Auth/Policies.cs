namespace VolunteerStats.Dashboard.Auth;

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
