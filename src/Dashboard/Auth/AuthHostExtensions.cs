using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VolunteerStats.Dashboard.Hosting;
using VolunteerStats.Dashboard.Regions;
using VolunteerStats.Dashboard.Users;

namespace VolunteerStats.Dashboard.Auth;

/// <summary>
/// Who may see what (CONTRACT §9): a cookie for pages (<see cref="AuthSchemes.Cookie"/>, login at <c>/login</c>),
/// bearer tokens for scripts (<see cref="AuthSchemes.Bearer"/>), the roles of <see cref="Roles"/> as the policies of
/// <see cref="Policies"/>, and a fallback policy: an endpoint that names no policy still needs a signed-in user, so
/// only endpoints marked <c>AllowAnonymous</c> (<c>/health</c>, <c>/login</c>) answer without one. Unauthenticated
/// page requests are redirected to <c>/login</c>; <c>/api/</c> requests get 401 and forbidden ones 403.
/// </summary>
public static class AuthHostExtensions
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static IHostApplicationBuilder AddDashboardAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration("Auth")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Auth:TokenLifetime must be positive.")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, "Auth:SessionLifetime must be positive.")
            .Validate(o => o.MaxFailedLogins >= 1, "Auth:MaxFailedLogins must be at least 1.")
            .Validate(o => o.LockoutTime > TimeSpan.Zero, "Auth:LockoutTime must be positive.")
            .Validate(o => o.MinPasswordLength >= 8, "Auth:MinPasswordLength must be at least 8.")
            .ValidateOnStart();
        services.AddSingleton<UserStore>();
        services.AddSingleton<BearerTokens>();
        services.AddSingleton<RegionScope>();
        services.AddHostedService<InitialAdmin>();

        // Keys in the data folder: sessions and tokens survive a restart, and are this installation's own.
        var data = builder.Configuration["Server:DataDirectory"] is { Length: > 0 } d ? d : ServerOptions.DefaultDataDirectory();
        var keys = Directory.CreateDirectory(Path.Combine(data, "keys"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().SetApplicationName("VolunteerStats").PersistKeysToFileSystem(keys);
        // The keys that sign sessions and tokens sit in an owner-only folder, as the site key does; encrypting them at
        // rest would need a certificate an office does not have. So the warning that says they are not encrypted,
        // printed at every start, would only alarm: it is left out (errors of the key manager still show).
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                BearerTokenHandler.TryGetToken(context.Request.Headers.Authorization.ToString(), out _) ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthSchemes.Bearer, null)
            .AddCookie(AuthSchemes.Cookie, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie).Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((o, auth) =>
        {
            o.Cookie.Name = "volstats.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // office intranets often serve plain http
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.ReturnUrlParameter = "ReturnUrl";
            o.ExpireTimeSpan = auth.Value.SessionLifetime;
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = context =>
                {
                    // A deleted user, or one whose password, role or region changed, is signed out at the next request.
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
                    if (context.Principal is null || UserPrincipal.Current(context.Principal, users) is null)
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
                    }
                    return Task.CompletedTask;
                },
                OnRedirectToLogin = context =>
                {
                    if (IsApi(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"volstats\"";
                        return context.Response.WriteAsJsonAsync(new { error = "请先登录 (sign in: POST /api/auth/token, then send Authorization: Bearer TOKEN)." });
                    }
                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                },
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    if (IsApi(context.Request))
                        return context.Response.WriteAsJsonAsync(new { error = "无权访问 (your role or region does not allow this)." });
                    context.Response.ContentType = "text/html; charset=utf-8";
                    return context.Response.WriteAsync(LoginPage.Forbidden(context.HttpContext));
                },
            };
        });

        services.AddAuthorization(o =>
        {
            o.AddPolicy(Policies.Reader, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
            o.AddPolicy(Policies.Analyst, p => p.RequireAuthenticatedUser().RequireRole(Roles.Analyst, Roles.Admin));
            o.AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
            o.FallbackPolicy = o.GetPolicy(Policies.Reader);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "volstats.antiforgery";
            o.FormFieldName = "__RequestVerificationToken";
        });
        return builder;
    }

    /// <summary>
    /// Authentication, authorization and anti-forgery middleware. Static files served by a middleware must be added
    /// before this call (they then answer without a session); everything after it falls under the fallback policy.
    /// </summary>
    public static WebApplication UseDashboardAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
