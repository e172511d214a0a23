namespace VolunteerStats.Dashboard.Auth;

/// <summary>Sign-in, sessions and tokens: configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>How long a bearer token from <c>POST /api/auth/token</c> is valid. Defaults to 24 hours.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a page session lasts without a request (sliding). Defaults to 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row after which the account is locked. Defaults to 5.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Defaults to 15 minutes.</summary>
    public TimeSpan LockoutTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shortest password accepted for a new or changed password. Defaults to 8.</summary>
    public int MinPasswordLength { get; set; } = 8;
}
