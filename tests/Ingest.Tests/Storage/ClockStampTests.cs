using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolunteerStats.Ingest;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Loading;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Storage;

/// <summary>
/// Every time stamp the database stores comes from the injected clock (TimeProvider), never from DuckDB's now():
/// a test, a replay or a server in another zone stores the instant its clock says, in UTC.
/// </summary>
public sealed class ClockStampTests : IDisposable
{
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private DateTime Stamp(string sql) => _db.Connection.Scalar<DateTime>(sql);

    [Fact]
    public void OpenWrite_StampsSchemaVersionsWithTheClock_WhenTheDatabaseIsNew()
    {
        var opened = _db.Clock.Now.UtcDateTime; // TestDb opened its new database at this instant
        Assert.Equal(opened, Stamp("SELECT min(applied_at) FROM schema_version"));
        Assert.Equal(opened, Stamp("SELECT max(applied_at) FROM schema_version"));
    }

    [Fact]
    public void Ingest_StampsTheFileAndTheIndicatorTablesWithTheClock()
    {
        var at = new DateTimeOffset(2024, 11, 6, 1, 2, 3, TimeSpan.Zero);
        _db.Clock.Now = at;
        _db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\n");
        _db.IngestText("hours.csv", Samples.HoursHeader + "\nR1,V1,,2024-03-05,2.5,P1\n");

        Assert.Equal(at.UtcDateTime, Stamp("SELECT max(ingested_at) FROM files"));
        Assert.Equal(at.UtcDateTime, Stamp("SELECT min(ingested_at) FROM files"));
        Assert.Equal(at.UtcDateTime, Stamp("SELECT built_at FROM indicator_classes_built"));
        Assert.Equal(at.UtcDateTime, Stamp("SELECT refreshed_at FROM monthly_coverage"));
    }

    [Fact]
    public void Begin_StampsTheIntentWithTheGivenInstant()
    {
        var at = new DateTime(2024, 12, 31, 16, 0, 0, DateTimeKind.Utc);
        var fileId = InterruptedIngests.Begin(_db.Connection, "h.csv", "0123", at);
        Assert.Equal(at, Stamp("SELECT started_at FROM ingest_intents"));
        InterruptedIngests.End(_db.Connection, fileId);
    }

    [Fact]
    public void Ingest_JudgesFutureDatesInTheConfiguredZone()
    {
        // 2024-11-05 04:00 UTC is 12:00 in Shanghai but still 2024-11-04 in Los Angeles: there the 5th is the future.
        var services = _db.Host.Services;
        var ingestor = new FileIngestor(services.GetRequiredService<SiteSecret>(), _db.Clock,
            services.GetServices<IIngestObserver>(), NullLogger<FileIngestor>.Instance,
            Options.Create(new LocalTimeOptions { TimeZone = "America/Los_Angeles" }));
        var roster = _db.Write("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-11-04,330102,正常,\nV2,李四,,2024-11-05,330102,正常,\n");

        Assert.Equal(new DateOnly(2024, 11, 5), _db.Ingestor.Today);
        Assert.Equal(new DateOnly(2024, 11, 4), ingestor.Today);
        var summary = ingestor.Ingest(_db.Connection, roster);
        Assert.Equal((1L, 1L), (summary.Inserted, summary.Rejected));
        Assert.Equal(1L, summary.RejectedByReason[RejectReason.FutureDate]);
    }
}
