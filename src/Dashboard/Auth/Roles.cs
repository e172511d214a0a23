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
