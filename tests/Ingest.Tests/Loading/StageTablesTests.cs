using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolunteerStats.Ingest;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Loading;

/// <summary>The handshake between the ingest and its observers: the temporary tables named in <see cref="StageTables"/>.</summary>
public class StageTablesTests : IDisposable
{
    private readonly TestDb _db = new();
    public void Dispose() => _db.Dispose();

    /// <summary>Records, when the ingest calls it, which of the handshake's tables and views the connection has.</summary>
    private sealed class Probe : IIngestObserver
    {
        public List<(string Name, string Type)> SeenWhenStaged { get; } = [];
        public long FinalRows { get; private set; }

        public void OnFileStaged(DuckDBConnection connection, FileKind kind, CancellationToken ct)
        {
            foreach (var row in connection.Query(
                "SELECT table_name, 'table' FROM duckdb_tables() WHERE temporary UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE temporary"))
                SeenWhenStaged.Add((row.GetString(0), row.GetString(1)));
            FinalRows = connection.Scalar<long>($"SELECT count(*) FROM {StageTables.Final}");
        }

        public void OnFileLoaded(DuckDBConnection connection, IngestSummary summary, CancellationToken ct) { }
    }

    [Fact]
    public void OnFileStaged_SeesEveryStageTable_WhenAFileChangesRows()
    {
        var probe = new Probe();
        var services = _db.Host.Services;
        var ingestor = new FileIngestor(services.GetRequiredService<SiteSecret>(), _db.Clock,
            [probe, .. services.GetServices<IIngestObserver>()], NullLogger<FileIngestor>.Instance,
            services.GetRequiredService<IOptions<LocalTimeOptions>>());
        var path = _db.Write("hours.csv", $"""
            {Samples.HoursHeader}
            R1,V1,,2024-03-05,2.5,P1
            R2,V2,,2024-03-06,1,P1
            """);

        var summary = ingestor.Ingest(_db.Connection, path);

        Assert.Equal(2, summary.Unmatched);
        Assert.Contains((StageTables.Rows, "table"), probe.SeenWhenStaged);
        Assert.Contains((StageTables.Rejects, "table"), probe.SeenWhenStaged);
        Assert.Contains((StageTables.Outcome, "table"), probe.SeenWhenStaged);
        Assert.Contains((StageTables.Final, "view"), probe.SeenWhenStaged);
        Assert.Contains((StageTables.Replaced, "view"), probe.SeenWhenStaged);
        Assert.Equal(2, probe.FinalRows);
        // After the file, none of them is left on the connection.
        Assert.Equal(0, _db.Count("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name LIKE 'stage%'")
            + _db.Count("SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name LIKE 'stage%'"));
    }

    [Fact]
    public void SqlScripts_NameStageTablesOnlyByPlaceholder_InIngestAndMetrics()
    {
        var literal = new Regex(@"(?<!\{)\bstage_(rows|rejects|outcome|final|replaced)\b(?!\})");
        var offenders = new[] { typeof(StageTables).Assembly, typeof(IndicatorService).Assembly }
            .SelectMany(a => SqlScripts.Names(a).Select(n => (Name: n, Sql: SqlScripts.Load(a, n))))
            .SelectMany(s => SqlBatch.Statements(s.Sql).Where(statement => literal.IsMatch(statement)).Select(_ => s.Name))
            .Distinct().ToList();
        Assert.Empty(offenders);
    }
}
