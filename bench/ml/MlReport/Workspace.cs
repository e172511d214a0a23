using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VolunteerStats.Generation;
using VolunteerStats.Ingest;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics;

/// <summary>Generated history loaded into a fresh database through the real composition root (as `volstats ingest`).</summary>
sealed class Workspace : IDisposable
{
    public string Dir { get; }
    public IHost Host { get; }
    public DuckDBConnection Connection { get; }
    public List<HistoryGenerator.Label> Labels { get; } = [];
    public TimeSpan GenerateTime { get; }
    public TimeSpan IngestTime { get; }
    public long Records { get; }

    public Workspace(string root, string name, HistoryOptions options, bool reuse = false, LogLevel logLevel = LogLevel.Warning)
    {
        Dir = Path.Combine(root, name);
        // The same options as last time (REUSE=1): reuse the loaded database; models are dropped so that training is measured.
        var marker = Path.Combine(Dir, ".done");
        reuse = (reuse || Environment.GetEnvironmentVariable("REUSE") == "1") && File.Exists(marker) && File.ReadAllText(marker) == options.ToString();
        var watch = Stopwatch.StartNew();
        if (!reuse)
        {
            if (Directory.Exists(Dir)) Directory.Delete(Dir, true);
            Directory.CreateDirectory(Dir);
            new HistoryGenerator(options with { OutDir = Path.Combine(Dir, "in") }).Run();
        }
        else if (Directory.Exists(Path.Combine(Dir, "db.duckdb.models"))) Directory.Delete(Path.Combine(Dir, "db.duckdb.models"), true);
        GenerateTime = watch.Elapsed;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Database:Path"] = Path.Combine(Dir, "db.duckdb");
        builder.Configuration["SiteSecret:Path"] = Path.Combine(Dir, "site.key");
        builder.Services.AddLogging(l => l.SetMinimumLevel(logLevel).AddSimpleConsole(o => o.SingleLine = true).AddFilter("VolunteerStats.Ingest", LogLevel.Warning));
        builder.AddIngest();
        builder.AddMetrics();
        Host = builder.Build();
        Connection = Host.Services.GetRequiredService<Database>().OpenWrite();
        watch.Restart();
        if (!reuse)
            foreach (var file in Directory.GetFiles(Path.Combine(Dir, "in"), "0*.csv").Order(StringComparer.Ordinal))
                Host.Services.GetRequiredService<FileIngestor>().Ingest(Connection, file);
        IngestTime = watch.Elapsed;
        File.WriteAllText(marker, options.ToString());
        Records = Connection.Scalar<long>("SELECT count(*) FROM service_records");
        var labels = Path.Combine(Dir, "in", "labels.csv");
        if (File.Exists(labels))
            foreach (var line in File.ReadLines(labels).Skip(1))
            {
                var f = line.Split(',');
                Labels.Add(new HistoryGenerator.Label(f[0], f[1], int.Parse(f[2]), int.Parse(f[3])));
            }
    }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public void Dispose()
    {
        Connection.Dispose();
        Host.Dispose();
    }
}
