using VolunteerStats.Tests.Support;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using VolunteerStats.Dashboard;

namespace VolunteerStats.Dashboard.Tests;

/// <summary>
/// A real server (Kestrel on a free loopback port, Hangfire, a DuckDB file) in a temporary folder of its own.
/// Settle and polling times are shortened so that a test waits seconds, not minutes.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(string root, WebApplication app, Uri baseUrl)
    {
        Root = root;
        App = app;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Root { get; }
    public WebApplication App { get; }
    public HttpClient Http { get; }
    public string Data => Path.Combine(Root, "data");
    public string Inbox => Path.Combine(Data, "inbox");
    public string Archive => Path.Combine(Data, "archive");
    public string Failed => Path.Combine(Data, "failed");
    public string DatabasePath => Path.Combine(Root, "volstats.duckdb");

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "volstats-serve-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return root;
    }

    public static Dictionary<string, string?> FastSettings(string root) => new()
    {
        ["SiteSecret:Path"] = Path.Combine(root, "site.key"),
        ["Inbox:SettleTime"] = "00:00:00.300",
        ["Inbox:SettlePollInterval"] = "00:00:00.100",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        ["Jobs:QueuePollInterval"] = "00:00:00.250",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<TestServer> StartAsync(string storage = "inmemory", string? postgres = null,
        IReadOnlyDictionary<string, string?>? settings = null, string? root = null)
    {
        var ownsRoot = root is null;
        root ??= NewRoot();
        try
        {
            return await StartInAsync(root, storage, postgres, settings);
        }
        catch when (ownsRoot)
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    private static async Task<TestServer> StartInAsync(string root, string storage, string? postgres, IReadOnlyDictionary<string, string?>? settings)
    {
        var all = FastSettings(root);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var url = $"http://127.0.0.1:{FreePort()}";
        var app = ServerHost.Build(new ServeSettings(url, Path.Combine(root, "data"), Path.Combine(root, "volstats.duckdb"),
            LoadSample: false, storage, postgres) { Settings = all });
        try
        {
            await app.StartAsync();
            var server = new TestServer(root, app, new Uri(url));
            await WaitUntilAsync(async () => (await server.Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the server to report ready");
            // Every test speaks as the first admin unless it asks for another client (Anonymous, SignInAsync).
            server.AdminPassword = (await File.ReadAllTextAsync(Path.Combine(server.Data, "initial-admin-password"))).Trim();
            server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.TokenAsync("admin", server.AdminPassword));
            return server;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static int FreePort() => Ports.Free();

    /// <summary>The first admin's generated password, as read from <c>DATA/initial-admin-password</c> at start.</summary>
    public string AdminPassword { get; private set; } = "";

    /// <summary>A client without session or token (redirects are not followed, so a redirect to /login shows as 302).</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>POST /api/auth/token; throws when the server refuses.</summary>
    public async Task<string> TokenAsync(string username, string password)
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A client carrying the bearer token of <paramref name="username"/>.</summary>
    public async Task<HttpClient> ClientAsAsync(string username, string password)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username, password));
        return client;
    }

    /// <summary>Creates a user through <c>POST /api/users</c> as the admin and returns a client signed in as that user.</summary>
    public async Task<HttpClient> CreateUserAsync(string username, string role, string? region = null, string password = "correct horse 42")
    {
        using var response = await Http.PostAsJsonAsync("/api/users", new { username, password, role, region });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ClientAsAsync(username, password);
    }

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>Copies a test data file into the inbox (as <paramref name="asName"/>) and waits until it has left it.</summary>
    public async Task DropAsync(string dataFile, string? asName = null, TimeSpan? timeout = null)
    {
        var target = Path.Combine(Inbox, asName ?? Path.GetFileName(dataFile));
        File.Copy(File.Exists(dataFile) ? dataFile : DataFile(dataFile), target);
        await WaitUntilAsync(() => Task.FromResult(!File.Exists(target)), timeout ?? TimeSpan.FromSeconds(30), $"{Path.GetFileName(target)} to leave the inbox");
    }

    public IEnumerable<string> Archived() =>
        Directory.Exists(Archive)
            ? Directory.EnumerateFiles(Archive, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Archive, p)).Order(StringComparer.Ordinal)
            : [];

    public Task<string> GetTextAsync(string path) => Http.GetStringAsync(path);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A folder left in /tmp is harmless.
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerCollection
{
    // Hangfire keeps some state in statics (JobStorage.Current, global filters): servers in tests run one at a time.
    public const string Name = "server";
}
