using VolunteerStats.Tests.Support;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerStats.Generation;

namespace VolunteerStats.Dashboard.Tests.Api;

/// <summary>
/// A seeded site for the API tests: the generated 杭州市 (plain CSV, 2024-01..10, small scale) ingested by the real
/// CLI into a fresh database; the CLI's own answers taken before the server starts (the numbers the API must repeat);
/// the real server over that database; a leader and an analyst limited to 上城区 (330102), and an unlimited analyst.
/// Shared by the classes of <see cref="ApiSiteCollection"/>.
/// </summary>
public sealed class ApiSite : IAsyncLifetime
{
    public const string Limit = "330102", LimitName = "上城区", Year = "2024", Through = "2024-10";
    public const string Password = "correct horse 42";

    public string Root { get; } = TestServer.NewRoot();
    public string Exports => Path.Combine(Root, "exports");
    public string DatabasePath => Path.Combine(Root, "volstats.duckdb");
    public string BriefingsOf(string month) => Path.Combine(Root, "data", "briefings", month);
    internal TestServer Server { get; private set; } = null!;

    /// <summary>Standard output of the CLI by its arguments joined with spaces (taken before the server started).</summary>
    public Dictionary<string, string> Cli { get; } = [];

    public static readonly string[][] CliCalls =
    [
        ["indicators", "--year", Year, "--through", Through, "--level", "district", "--format", "csv"],
        ["indicators", "--year", Year, "--through", "2024-06", "--level", "street", "--parent", Limit, "--format", "csv"],
        ["trend", "--region", Limit, "--year", Year, "--format", "csv"],
        ["stars", "--through", Through, "--format", "csv"],
        ["stars", "--through", "2024-06", "--region", Limit, "--format", "csv"],
        ["rejects", "--format", "csv"],
        ["anomalies", "--year", Year, "--through", Through, "--format", "csv"],
        ["forecast", "--year", Year, "--through", "2024-06", "--level", "district", "--format", "csv"],
    ];

    public HttpClient Leader { get; private set; } = null!;
    public HttpClient Analyst { get; private set; } = null!;
    public HttpClient CityAnalyst { get; private set; } = null!;

    /// <summary>Every region of the regions file: code → (name, parent).</summary>
    public Dictionary<string, (string Name, string? Parent)> Regions { get; } = [];

    public async Task InitializeAsync()
    {
        var files = new CityGenerator(new GenerateOptions(Exports, 0.15, 7, new DateOnly(2024, 11, 5), Plain: true)).Run();
        RunCli(["ingest", "--format", "json", .. files.Select(f => Path.Combine(Exports, f.Name))]);
        foreach (var call in CliCalls) Cli[string.Join(' ', call)] = RunCli(call);
        // The month's briefing of 上城区 as the monthly job would have left it (the API serves that file, not a new one).
        RunCli(["briefing", "--month", Through, "--region", Limit, "--out", BriefingsOf(Through)]);

        Server = await TestServer.StartAsync(root: Root);
        Leader = await Server.CreateUserAsync("shangcheng.leader", "leader", Limit, Password);
        Analyst = await Server.CreateUserAsync("shangcheng.analyst", "analyst", Limit, Password);
        CityAnalyst = await Server.CreateUserAsync("city.analyst", "analyst", null, Password);
        using var regions = JsonDocument.Parse(await Server.Http.GetStringAsync("/api/regions"));
        foreach (var r in regions.RootElement.EnumerateArray())
            Regions[r.GetProperty("region_code").GetString()!] = (r.GetProperty("region_name").GetString()!,
                r.GetProperty("parent_code").ValueKind == JsonValueKind.String ? r.GetProperty("parent_code").GetString() : null);
    }

    /// <summary>Whether <paramref name="code"/> is the limit or lies below it (by the regions file's parents).</summary>
    public bool InLimit(string code)
    {
        for (string? c = code; c is not null; c = Regions.TryGetValue(c, out var r) ? r.Parent : null)
            if (c == Limit) return true;
        return false;
    }

    public string RunCli(params string[] args)
    {
        var (code, output, error) = CliProcess.Run(DatabasePath, Path.Combine(Root, "site.key"), args);
        if (code != 0) throw new InvalidOperationException($"volstats {string.Join(' ', args)} failed: {error}");
        return output;
    }

    public async Task DisposeAsync()
    {
        Leader?.Dispose();
        Analyst?.Dispose();
        CityAnalyst?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        else Directory.Delete(Root, recursive: true);
    }
}

/// <summary>The API tests over one <see cref="ApiSite"/>; like every server test, run alone (Hangfire keeps static state).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiSiteCollection : ICollectionFixture<ApiSite>
{
    public const string Name = "api-site";
}
