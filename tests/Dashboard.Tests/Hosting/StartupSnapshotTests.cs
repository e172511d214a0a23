using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Tests.Hosting;

[Collection(ServerCollection.Name)]
public sealed class StartupSnapshotTests
{
    [Fact]
    public async Task Start_PublishesReadersSnapshot_WhenDatabaseExistsBeforeTheServer()
    {
        var root = TestServer.NewRoot();
        var database = new Database(new DatabaseOptions { Path = Path.Combine(root, "volstats.duckdb") }, []);
        using (database.OpenWrite()) { } // made by the CLI, say, before any server ran
        Assert.False(File.Exists(database.SnapshotPath));

        await using var server = await TestServer.StartAsync(root: root);

        Assert.True(File.Exists(database.SnapshotPath));
    }
}
