using System.Diagnostics;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VolunteerStats.Ingest;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics;

namespace VolunteerStats.Tests.Support;

/// <summary>A clock fixed at a given instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A real DuckDB file in a fresh temp folder, with the same composition root as the CLI and the server
/// (AddIngest + AddMetrics), a site secret of its own and a fixed clock (2024-11-05 12:00 in Shanghai).
/// </summary>
public sealed class TestDb : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("volstats-test-").FullName;
    public IHost Host { get; }
    public FixedClock Clock { get; } = new(new DateTimeOffset(2024, 11, 5, 4, 0, 0, TimeSpan.Zero));
    public DuckDBConnection Connection { get; }
    public FileIngestor Ingestor => Host.Services.GetRequiredService<FileIngestor>();
    public Database Database => Host.Services.GetRequiredService<Database>();
    public string DbPath => Path.Combine(Dir, "test.duckdb");

    /// <summary>The site key file: this folder's own, unless the test shares another database's (equal ID hashes).</summary>
    public string SiteKeyPath { get; }

    public TestDb(string? siteKeyPath = null)
    {
        SiteKeyPath = siteKeyPath ?? Path.Combine(Dir, "site.key");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Database:Path"] = DbPath;
        builder.Configuration["SiteSecret:Path"] = SiteKeyPath;
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.AddIngest();
        builder.AddMetrics();
        Host = builder.Build();
        Connection = Database.OpenWrite();
    }

    /// <summary>Writes a file in the test folder; CSV text is written in the given encoding (UTF-8 without BOM by default).</summary>
    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, [.. (encoding ?? new UTF8Encoding(false)).GetPreamble(), .. (encoding ?? new UTF8Encoding(false)).GetBytes(text)]);
        return path;
    }

    public IngestSummary Ingest(string path, FileKind? kind = null) => Ingestor.Ingest(Connection, path, kind);

    public IngestSummary IngestText(string name, string text, Encoding? encoding = null) => Ingest(Write(name, text, encoding));

    public long Count(string sql) => Connection.Scalar<long>(sql);

    /// <summary>A dump of every table's rows as text, to compare database states.</summary>
    public string Dump()
    {
        var sb = new StringBuilder();
        foreach (var table in new[] { "files", "rejects", "registrations", "service_records", "service_record_history", "regions", "population", "monthly_indicators" })
        {
            sb.AppendLine($"## {table}");
            var order = table == "files" ? "file_id" : "ALL";
            foreach (var row in Connection.Query($"SELECT * EXCLUDE ({(table == "files" ? "ingested_at" : "_dummy_")}) FROM (SELECT *, 0 AS _dummy_ FROM {table}) ORDER BY {order}"))
            {
                for (var i = 0; i < row.FieldCount; i++) sb.Append(row.IsDBNull(i) ? "∅" : Convert.ToString(row.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        Connection.Dispose();
        Host.Dispose();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

public static class Samples
{
    public const string Regions = """
        区划代码,名称,上级代码,级别
        330100,杭州市,,市
        330102,上城区,330100,区
        330105,拱墅区,330100,区
        330102001,清波街道,330102,街道
        330102002,湖滨街道,330102,街道
        330102001001,清波社区,330102001,社区
        """;

    public const string RosterHeader = "志愿者编号,姓名,证件号码,注册时间,所属区划代码,状态,注销时间";
    public const string HoursHeader = "记录编号,志愿者编号,证件号码,服务日期,服务时长（小时）,项目编号";
}

/// <summary>Runs the real <c>volstats</c> (built into the test's output folder) as a child process against a test database.</summary>
public static class CliProcess
{
    public static Process Start(TestDb db, params string[] args) => Start(db.DbPath, db.SiteKeyPath, args);

    /// <summary>The real <c>volstats</c> on <paramref name="dbPath"/> with the site key at <paramref name="siteKey"/>.</summary>
    public static Process Start(string dbPath, string siteKey, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "volstats.dll"));
        info.ArgumentList.Add("--db");
        info.ArgumentList.Add(dbPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["VOLSTATS_SECRET_FILE"] = siteKey;
        return Process.Start(info)!;
    }

    public static (int ExitCode, string Output, string Error) Run(TestDb db, params string[] args) =>
        Run(db.DbPath, db.SiteKeyPath, args);

    public static (int ExitCode, string Output, string Error) Run(string dbPath, string siteKey, params string[] args)
    {
        using var p = Start(dbPath, siteKey, args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result, error);
    }
}
