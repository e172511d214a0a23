using VolunteerStats.Tests.Support;
using Npgsql;
using VolunteerStats.Dashboard.Tests.Hosting;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Storage;

[Collection(ServerCollection.Name)]
public sealed class PostgresStorageTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Ingest_ArchivesFilesAndServesIndicators_WhenJobsAreStoredInPostgres()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var server = await TestServer.StartAsync(storage: "postgres", postgres: database);

        await InboxJobsTests.DropAllAsync(server);
        await server.DropAsync("no-header.csv");

        Assert.Equal(4, server.Archived().Count());
        Assert.True(File.Exists(Path.Combine(server.Failed, "no-header.csv.error.txt")));
        Assert.Equal(InboxJobsTests.ExpectedDistricts.ReplaceLineEndings("\n"),
            await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv"));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%Ingest%'", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 5, "the ingest jobs are stored in PostgreSQL");
    }

    [Fact]
    public async Task Serve_FinishesIngestAsCleanRun_WhenKilledMidIngestWithPostgresStorage() =>
        await CrashRecoveryTests.KillMidIngestAndRestartAsync("--storage", "postgres", "--pg", await cluster.CreateDatabaseAsync());
}
