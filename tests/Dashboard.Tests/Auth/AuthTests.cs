using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Auth;

[Collection(ServerCollection.Name)]
public sealed partial class AuthTests
{
    // The only endpoints that answer without a session or token (CONTRACT §9: /health, /login, static assets; the
    // token endpoint is how a script signs in, /logout only ends a session).
    private static readonly HashSet<string> Public = ["/health", "/login", "/logout", "/api/auth/token"];

    [Fact]
    public async Task EveryEndpoint_RefusesAnonymousRequest_UnlessPublic()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Anonymous();
        var endpoints = server.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 5, "the app's endpoints are enumerated");

        var checkedRoutes = 0;
        foreach (var endpoint in endpoints)
        {
            var path = SamplePath(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.True(Public.Contains(path) || IsStaticAsset(endpoint), $"{path} answers without sign-in but is not public");
                continue;
            }
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(new { });
                using var response = await anonymous.SendAsync(request);
                if (path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api")
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}, expected 401");
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {(int)response.StatusCode}, expected a redirect to /login");
                    Assert.StartsWith("/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
                }
                checkedRoutes++;
            }
        }
        Assert.True(checkedRoutes >= 5, $"only {checkedRoutes} protected routes were checked");
        // A path no endpoint knows is not a way around either.
        using var unknown = await anonymous.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        using var unknownApi = await anonymous.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.Unauthorized, unknownApi.StatusCode);
    }

    [Fact]
    public async Task InitialAdmin_PasswordFileIsOwnerOnly_AndDeletedWhenPasswordChanges()
    {
        await using var server = await TestServer.StartAsync();
        var file = Path.Combine(server.Data, "initial-admin-password");

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Matches("^[A-Za-z0-9]{16,}$", server.AdminPassword);
        var oldToken = server.Http.DefaultRequestHeaders.Authorization!.Parameter!;

        using var change = await server.Http.PutAsJsonAsync("/api/users/admin", new { password = "a new secret 2024" });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        Assert.False(File.Exists(file), "the file goes once its password is no longer valid");
        using var old = server.Anonymous();
        old.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/users")).StatusCode);
        using var stale = await server.Anonymous().PostAsJsonAsync("/api/auth/token", new { username = "admin", password = server.AdminPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var fresh = await server.ClientAsAsync("admin", "a new secret 2024");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task InitialAdmin_IsNotCreatedAgain_WhenServerRestarts()
    {
        var root = TestServer.NewRoot();
        // Stop the first server without its disposal, which would delete the folder.
        var server = await TestServer.StartAsync(root: root);
        var first = server.AdminPassword;
        await server.App.StopAsync();
        await server.App.DisposeAsync();
        await using (var again = await TestServer.StartAsync(root: root))
        {
            Assert.Equal(first, again.AdminPassword);
            using var users = JsonDocument.Parse(await again.GetTextAsync("/api/users"));
            Assert.Equal(["admin"], users.RootElement.EnumerateArray().Select(u => u.GetProperty("username").GetString()));
        }
    }

    [Fact]
    public async Task Token_Answers401_WhenPasswordIsWrong_AndTokenWorksForApi()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Anonymous();

        using var wrong = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "not it" });
        using var nobody = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "not it at all" });
        using var right = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = server.AdminPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var json = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        var expires = json.RootElement.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        using var withToken = server.Anonymous();
        withToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/api/indicators?year=2024")).StatusCode);
        withToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString() + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await withToken.GetAsync("/api/indicators?year=2024")).StatusCode);
    }

    [Fact]
    public async Task Token_IsRefused_WhenAccountIsLockedAfterRepeatedFailures()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Anonymous();
        await server.CreateUserAsync("li.ming", "analyst");

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "li.ming", password = "guess " + i })).StatusCode);
        using var locked = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "li.ming", password = "correct horse 42" });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        using var unlock = await server.Http.PutAsJsonAsync("/api/users/li.ming", new { unlock = true });
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "li.ming", password = "correct horse 42" })).StatusCode);
    }

    [Fact]
    public async Task Login_SignsInWithCookieAndRedirectsToLocalReturnUrl_WhenFormIsValid()
    {
        await using var server = await TestServer.StartAsync();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Http.BaseAddress };

        var redirect = await browser.GetAsync("/api/../ranking?year=2024");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var form = await browser.GetStringAsync("/login?ReturnUrl=%2Franking%3Fyear%3D2024");
        Assert.Contains("name=\"username\"", form);
        Assert.Contains("name=\"password\"", form);
        Assert.Contains("href=\"/css/site.css\"", form);
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        Assert.NotEmpty(antiforgery);

        using var noToken = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = server.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        using var wrong = await browser.PostAsync("/login", Form(antiforgery, "admin", "wrong password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync());
        using var foreign = await browser.PostAsync("/login?ReturnUrl=%2F%2Fevil.example%2F", Form(antiforgery, "admin", server.AdminPassword));
        Assert.Equal("/", foreign.Headers.Location!.OriginalString);
        // Signed in now: a form token issued before belongs to the anonymous visitor, so take a fresh form.
        antiforgery = AntiforgeryField().Match(await browser.GetStringAsync("/login")).Groups[1].Value;
        using var ok = await browser.PostAsync("/login?ReturnUrl=%2Franking%3Fyear%3D2024", Form(antiforgery, "admin", server.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/ranking?year=2024", ok.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/indicators?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hangfire")).StatusCode);

        await browser.GetAsync("/logout");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/indicators?year=2024")).StatusCode);
    }

    [Fact]
    public async Task Login_ShowsEnglish_WhenLangIsEn()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Anonymous();

        var zh = await anonymous.GetStringAsync("/login");
        var en = await anonymous.GetStringAsync("/login?lang=en");

        Assert.Contains("<html lang=\"zh-CN\">", zh);
        Assert.Contains("登录", zh);
        Assert.Contains("Sign in", en);
    }

    [Fact]
    public async Task Leader_GetsForbidden_OnHangfireAndUsers_AndReadsIndicators()
    {
        await using var server = await TestServer.StartAsync();
        using var leader = await server.CreateUserAsync("zhang.wei", "leader");

        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/users", new { username = "x1", password = "whatever 123", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/quality")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/indicators?year=2024")).StatusCode);
        using var me = JsonDocument.Parse(await leader.GetStringAsync("/api/auth/me"));
        Assert.Equal("leader", me.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Users_AdminCreatesChangesAndDeletes_AndBadInputIsRefused()
    {
        await using var server = await TestServer.StartAsync();

        using var created = await server.Http.PostAsJsonAsync("/api/users", new { username = "wang.fang", password = "longenough1", role = "analyst", region = "440303" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Http.PostAsJsonAsync("/api/users", new { username = "wang.fang", password = "longenough1", role = "analyst" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.PostAsJsonAsync("/api/users", new { username = "x2", password = "short", role = "analyst" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.PostAsJsonAsync("/api/users", new { username = "x3", password = "longenough1", role = "boss" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.PostAsJsonAsync("/api/users", new { username = "x4", password = "longenough1", role = "leader", region = "44x" })).StatusCode);

        using var list = JsonDocument.Parse(await server.GetTextAsync("/api/users"));
        var wang = list.RootElement.EnumerateArray().Single(u => u.GetProperty("username").GetString() == "wang.fang");
        Assert.Equal(("analyst", "440303"), (wang.GetProperty("role").GetString(), wang.GetProperty("region").GetString()));
        Assert.DoesNotContain("password", list.RootElement.GetRawText());

        using var wangClient = await server.ClientAsAsync("wang.fang", "longenough1");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.PutAsJsonAsync("/api/users/wang.fang", new { role = "leader", region = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wangClient.GetAsync("/api/indicators?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.DeleteAsync("/api/users/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync("/api/users/wang.fang")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.DeleteAsync("/api/users/wang.fang")).StatusCode);
    }

    [Fact]
    public async Task Indicators_HoldOnlyTheUsersRegion_WhenUserIsLimited()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        using var leader = await server.CreateUserAsync("luohu", "leader", "440303");

        var districts = await leader.GetStringAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv");
        var cities = await leader.GetStringAsync("/api/indicators?year=2024&through=2024-03&level=city&format=csv");
        using var outside = await leader.GetAsync("/api/indicators?year=2024&level=district&parent=440300");

        var lines = districts.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("440303,", lines[1]);
        Assert.Single(cities.TrimEnd('\n').Split('\n'));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/indicators?year=2024&level=street&parent=440303")).StatusCode);
    }

    private static FormUrlEncodedContent Form(string antiforgery, string username, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = antiforgery,
        ["username"] = username,
        ["password"] = password,
    });

    private static bool IsStaticAsset(Endpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName?.Contains("StaticAsset", StringComparison.Ordinal) == true);

    /// <summary>A request path for a route pattern, with a plausible value for each parameter.</summary>
    internal static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.Name.Contains("code", StringComparison.OrdinalIgnoreCase) || parameter.Name.Contains("region", StringComparison.OrdinalIgnoreCase)
                ? "440303"
                : parameter.IsCatchAll ? "x/y" : "1",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
