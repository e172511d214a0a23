using Hangfire.Dashboard;

namespace VolunteerStats.Dashboard.Auth;

/// <summary>
/// The Hangfire dashboard for admins only (replacing Hangfire's local-requests-only default). The endpoint also
/// carries <see cref="Policies.Admin"/>, so that anonymous users are sent to <c>/login</c> and others get 403.
/// </summary>
public sealed class HangfireAdminFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole(Roles.Admin);
}
