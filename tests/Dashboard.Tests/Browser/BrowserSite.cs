using VolunteerStats.Tests.Support;
using Microsoft.Playwright;
using VolunteerStats.Generation;

namespace VolunteerStats.Dashboard.Tests.Browser;

/// <summary>
/// A seeded site for browser tests: the generated 杭州市 (plain CSV, 2024-01..10) ingested by the real CLI into a
/// fresh database, the real server on a loopback port over it, and headless Chromium (Debian's, never downloaded).
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    public string Root { get; } = TestServer.NewRoot();
    public string Exports => Path.Combine(Root, "exports");
    public string DatabasePath => Path.Combine(Root, "volstats.duckdb");
    internal TestServer Server { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Server.Http.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>CSV output of <c>volstats indicators</c> taken before the server started, by its arguments.</summary>
    public Dictionary<string, string> Indicators { get; } = [];

    public static readonly (string Through, string Level, string? Parent)[] Queries =
    [
        ("2024-10", "district", null),
        ("2024-06", "street", "330102"),
        ("2024-10", "community", "330102001"),
        ("2024-03", "city", null),
    ];

    public async Task InitializeAsync()
    {
        var files = new CityGenerator(new GenerateOptions(Exports, 0.6, 7, new DateOnly(2024, 11, 5), Plain: true)).Run();
        var ingest = Cli(["ingest", "--format", "json", .. files.Select(f => Path.Combine(Exports, f.Name))]);
        if (ingest.ExitCode != 0) throw new InvalidOperationException("ingest failed: " + ingest.Error);
        foreach (var q in Queries) Indicators[Key(q)] = CliOk(IndicatorArgs(q));
        // Trains and stores the forecast models for the data, as the nightly job does: the overview reads them.
        CliOk("forecast", "--year", "2024", "--through", "2024-10", "--level", "city", "--format", "csv");

        Server = await TestServer.StartAsync(root: Root);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Volunteer IDs of the last roster whose region is <paramref name="district"/> or below it (not cancelled).</summary>
    public IEnumerable<string> RosterOf(string district)
    {
        var roster = Directory.GetFiles(Exports, "*roster*.csv").Order(StringComparer.Ordinal).Last();
        foreach (var line in File.ReadLines(roster).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length > 9 && f[6].StartsWith(district, StringComparison.Ordinal) && f[9] == "正常") yield return f[0];
        }
    }

    public static string Key((string Through, string Level, string? Parent) q) => $"{q.Through}|{q.Level}|{q.Parent}";

    public static string[] IndicatorArgs((string Through, string Level, string? Parent) q) =>
        ["indicators", "--year", q.Through[..4], "--through", q.Through, "--level", q.Level, .. q.Parent is null ? Array.Empty<string>() : ["--parent", q.Parent], "--format", "csv"];

    public string CliOk(params string[] args)
    {
        var (code, output, error) = Cli(args);
        if (code != 0) throw new InvalidOperationException($"volstats {string.Join(' ', args)} failed: {error}");
        return output;
    }

    /// <summary>Runs the real <c>volstats</c> against this site's database and site key.</summary>
    public (int ExitCode, string Output, string Error) Cli(params string[] args) =>
        CliProcess.Run(DatabasePath, Path.Combine(Root, "site.key"), args);

    /// <summary>
    /// A fresh browser context at <paramref name="width"/>×<paramref name="height"/> that fails the test on any
    /// request to another origin (it is aborted and recorded) and records console errors.
    /// </summary>
    /// <remarks>Signed in through <c>/login</c> as <paramref name="username"/> (default: the first admin); null stays anonymous.</remarks>
    public async Task<BrowserSession> NewSessionAsync(int width = 1366, int height = 768, string? username = "admin", string? password = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        var session = new BrowserSession(context, BaseUrl);
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(BaseUrl + "/", StringComparison.Ordinal) || route.Request.Url == BaseUrl) await route.ContinueAsync();
            else
            {
                session.Foreign.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        session.Page = await context.NewPageAsync();
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error") session.ConsoleErrors.Add(message.Text);
        };
        session.Page.PageError += (_, error) => session.ConsoleErrors.Add(error);
        if (username is not null)
        {
            await session.Page.GotoAsync(BaseUrl + "/login");
            await session.Page.FillAsync("input[name=username]", username);
            await session.Page.FillAsync("input[name=password]", password ?? Server.AdminPassword);
            await session.Page.ClickAsync("button[type=submit]");
            await session.Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
        return session;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        else if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

public sealed class BrowserSession(IBrowserContext context, string baseUrl) : IAsyncDisposable
{
    public IBrowserContext Context => context;
    public IPage Page { get; set; } = null!;
    public List<string> Foreign { get; } = [];
    public List<string> ConsoleErrors { get; } = [];

    public async Task<IResponse?> GoAsync(string path)
    {
        var response = await Page.GotoAsync(baseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        return response;
    }

    /// <summary>Nothing left the origin and nothing was logged as an error.</summary>
    public void AssertClean()
    {
        Assert.Empty(Foreign);
        Assert.Empty(ConsoleErrors);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
