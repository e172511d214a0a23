using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace VolunteerStats.Dashboard.Tests.Hosting;

/// <summary>
/// <c>volstats serve</c> as a child process, killed with SIGKILL in the middle of an ingest and started again:
/// the database is as it was before the file, then the file is loaded and the result equals a clean run.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CrashRecoveryTests
{
    private const int HourRows = 100_000;

    [Fact]
    public Task Serve_FinishesIngestAsCleanRun_WhenKilledMidIngestAndRestarted() => KillMidIngestAndRestartAsync();

    /// <summary>
    /// Loads the same files into a clean in-process server, then into a child server killed with SIGKILL during the
    /// big file and started again; both databases must end equal. <paramref name="serveArgs"/> go to the child.
    /// </summary>
    internal static async Task KillMidIngestAndRestartAsync(params string[] serveArgs)
    {
        var work = TestServer.NewRoot();
        var roster = Path.Combine(work, "roster-big.csv");
        var hours = Path.Combine(work, "hours-big.csv");
        WriteRoster(roster);
        WriteHours(hours);

        (string Indicators, string Ingests) clean;
        await using (var server = await TestServer.StartAsync())
        {
            foreach (var file in new[] { "regions.csv", "population.csv", roster, hours })
                await server.DropAsync(file, timeout: TimeSpan.FromSeconds(90));
            clean = (await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv"),
                Summaries(await server.GetTextAsync("/api/ingests")));
        }

        var root = TestServer.NewRoot();
        var inbox = Path.Combine(root, "data", "inbox");
        var db = Path.Combine(root, "volstats.duckdb");
        var port = TestServer.FreePort();
        await using (var child = await ServeProcess.StartAsync(root, port, serveArgs))
        {
            foreach (var file in new[] { "regions.csv", "population.csv", roster })
                await child.DropAsync(file);
            File.Copy(hours, Path.Combine(inbox, "hours-big.csv"));
            await child.WaitForLogAsync("Ingesting hours-big.csv", TimeSpan.FromSeconds(30));
            await Task.Delay(100); // inside the file's transaction: staging 100k rows takes seconds
            child.Kill();
        }

        Assert.True(File.Exists(Path.Combine(inbox, "hours-big.csv")), "the file stays in the inbox when the server dies mid-ingest");
        using (var connection = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT count(*) FROM files) * 1000000000 + (SELECT count(*) FROM service_records)";
            Assert.Equal(3_000_000_000L, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        await using (var child = await ServeProcess.StartAsync(root, port, serveArgs))
        {
            await TestServer.WaitUntilAsync(() => Task.FromResult(!File.Exists(Path.Combine(inbox, "hours-big.csv"))),
                TimeSpan.FromSeconds(150), "the restarted server to load hours-big.csv");
            Assert.Equal(clean.Indicators, await child.Http.GetStringAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv"));
            Assert.Equal(clean.Ingests, Summaries(await child.Http.GetStringAsync("/api/ingests")));
        }
        Directory.Delete(work, recursive: true);
        Directory.Delete(root, recursive: true);
    }

    /// <summary>The ingest summaries without their time stamps.</summary>
    private static string Summaries(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join("\n", document.RootElement.EnumerateArray().Select(e =>
            string.Join(",", e.EnumerateObject().Where(p => p.Name != "ingested_at").Select(p => $"{p.Name}={p.Value.GetRawText()}"))));
    }

    private static void WriteRoster(string path)
    {
        var text = new StringBuilder("志愿者编号,姓名,注册时间,所属区划代码\n");
        for (var v = 1; v <= 500; v++)
            text.Append(CultureInfo.InvariantCulture, $"V{v:D4},志愿者{v},2023-0{1 + v % 9}-15,{(v % 2 == 0 ? "440303" : "440304")}\n");
        File.WriteAllText(path, text.ToString());
    }

    private static void WriteHours(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("记录编号,志愿者编号,服务日期,服务时长（小时）\n");
        for (var i = 0; i < HourRows; i++)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"R{i:D7},V{1 + i % 600:D4},2024-0{1 + i % 3}-{1 + i % 28:D2},{1 + i % 4}.5\n"));
    }

    /// <summary><c>dotnet volstats.dll serve</c> with its standard error captured.</summary>
    internal sealed class ServeProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private readonly string _root;

        private ServeProcess(Process process, string root, int port)
        {
            _process = process;
            _root = root;
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        }

        public HttpClient Http { get; }

        public static async Task<ServeProcess> StartAsync(string root, int port, params string[] extra)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "volstats.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
                         "--data", Path.Combine(root, "data"), "--db", Path.Combine(root, "volstats.duckdb"), "--no-sample", ..extra])
                start.ArgumentList.Add(a);
            start.Environment["VOLSTATS_SECRET_FILE"] = Path.Combine(root, "site.key");
            start.Environment.Remove("VOLSTATS_DB");
            foreach (var (key, value) in TestServer.FastSettings(root))
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            start.Environment["Logging__LogLevel__Default"] = "Information";
            var child = new ServeProcess(Process.Start(start)!, root, port);
            child._process.ErrorDataReceived += (_, e) => { lock (child._log) child._log.AppendLine(e.Data); };
            child._process.OutputDataReceived += (_, e) => { lock (child._log) child._log.AppendLine(e.Data); };
            child._process.BeginErrorReadLine();
            child._process.BeginOutputReadLine();
            await TestServer.WaitUntilAsync(async () =>
            {
                if (child._process.HasExited) throw new InvalidOperationException("volstats serve exited:\n" + child.Log);
                return (await child.Http.GetAsync("/health")).IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(60), "volstats serve to report ready");
            // As CONTRACT §7 does: the first admin's token, with the password the server wrote on its first start.
            var password = (await File.ReadAllTextAsync(Path.Combine(root, "data", "initial-admin-password"))).Trim();
            using var login = await child.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password });
            login.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            child.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
            return child;
        }

        public string Log
        {
            get
            {
                lock (_log) return _log.ToString();
            }
        }

        public async Task DropAsync(string file)
        {
            var target = Path.Combine(_root, "data", "inbox", Path.GetFileName(file));
            File.Copy(File.Exists(file) ? file : TestServer.DataFile(file), target);
            await TestServer.WaitUntilAsync(() => Task.FromResult(!File.Exists(target)), TimeSpan.FromSeconds(30), $"{Path.GetFileName(file)} to leave the inbox");
        }

        public Task WaitForLogAsync(string text, TimeSpan timeout) =>
            TestServer.WaitUntilAsync(() => Task.FromResult(Log.Contains(text, StringComparison.Ordinal)), timeout, $"'{text}' in the server log");

        public void Kill() => _process.Kill(entireProcessTree: false); // SIGKILL on Unix

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
