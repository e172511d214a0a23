using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Dashboard.Inbox;

namespace VolunteerStats.Dashboard.Tests.Inbox;

[Collection(ServerCollection.Name)]
public sealed class InboxJobsTests
{
    internal const string ExpectedDistricts =
        """
        region_code,region_name,level,parent_code,population,registered,active,total_hours,registration_rate,active_rate,avg_hours,hours_target,registration_met,active_met,hours_met,score,rank,volunteers_needed,active_needed,hours_needed
        440303,罗湖区,district,440300,100,2,2,9.50,0.020000,1.000000,4.75,6.25,false,true,false,63.79,1,11,0,3.00
        440304,福田区,district,440300,100,2,1,1.50,0.020000,0.500000,0.75,6.25,false,false,false,32.94,2,11,1,11.00

        """;

    internal static async Task DropAllAsync(TestServer server)
    {
        foreach (var file in new[] { "regions.csv", "population.csv", "roster.csv", "hours.csv" })
            await server.DropAsync(file);
    }

    [Fact]
    public async Task Ingest_ArchivesFilesAndServesIndicators_WhenRosterAndHoursDropped()
    {
        await using var server = await TestServer.StartAsync();

        await DropAllAsync(server);

        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM");
        Assert.Equal(
            [$"{month}/hours.csv", $"{month}/population.csv", $"{month}/regions.csv", $"{month}/roster.csv"],
            server.Archived());
        var csv = await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv");
        Assert.Equal(ExpectedDistricts.ReplaceLineEndings("\n"), csv);
        Assert.True(File.Exists(server.DatabasePath + ".snapshot"), "a snapshot is published for CLI readers");
    }

    [Fact]
    public async Task Ingest_MovesFileToFailedWithExplanation_WhenNoHeaderIsFound()
    {
        await using var server = await TestServer.StartAsync();

        await server.DropAsync("no-header.csv");

        Assert.True(File.Exists(Path.Combine(server.Failed, "no-header.csv")));
        var error = await File.ReadAllTextAsync(Path.Combine(server.Failed, "no-header.csv.error.txt"));
        Assert.Contains("no-header.csv", error);
        Assert.Contains("no header row found", error);
        Assert.Contains("inbox/", error);
        Assert.Empty(server.Archived());
        Assert.Equal("[]", await server.GetTextAsync("/api/ingests"));
    }

    [Fact]
    public async Task Ingest_ChangesNothing_WhenSameFileDroppedTwice()
    {
        await using var server = await TestServer.StartAsync();
        await DropAllAsync(server);
        var indicators = await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&format=csv");
        var ingests = await server.GetTextAsync("/api/ingests");

        await server.DropAsync("roster.csv");
        await server.DropAsync("hours.csv", asName: "hours-copy.csv");

        Assert.Equal(indicators, await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&format=csv"));
        Assert.Equal(ingests, await server.GetTextAsync("/api/ingests"));
        var archived = server.Archived().Select(Path.GetFileName).ToList();
        Assert.Contains("roster (2).csv", archived);
        Assert.Contains("hours-copy.csv", archived);
        Assert.Empty(Directory.EnumerateFiles(server.Failed));
    }

    [Fact]
    public async Task Ingest_RetriesAndSucceeds_WhenFirstAttemptThrows()
    {
        var attempts = 0;
        InboxJobs.BeforeIngest = name =>
        {
            if (name == "roster.csv" && Interlocked.Increment(ref attempts) == 1)
                throw new IOException("simulated failure of the first attempt");
        };
        try
        {
            await using var server = await TestServer.StartAsync();

            await server.DropAsync("roster.csv", timeout: TimeSpan.FromSeconds(60));

            Assert.Equal(2, attempts);
            Assert.Single(server.Archived());
            Assert.Empty(Directory.EnumerateFiles(server.Failed));
            using var ingests = JsonDocument.Parse(await server.GetTextAsync("/api/ingests"));
            Assert.Equal(4, ingests.RootElement[0].GetProperty("inserted").GetInt64());
        }
        finally
        {
            InboxJobs.BeforeIngest = null;
        }
    }

    [Fact]
    public async Task Scan_IngestsFilesInNameOrder_WhenTheyWereWaitingAtStartup()
    {
        var root = TestServer.NewRoot();
        var inbox = Path.Combine(root, "data", "inbox");
        Directory.CreateDirectory(inbox);
        // Registrations before hours, by name: the hours then match their volunteers.
        File.Copy(TestServer.DataFile("regions.csv"), Path.Combine(inbox, "1-regions.csv"));
        File.Copy(TestServer.DataFile("population.csv"), Path.Combine(inbox, "2-population.csv"));
        File.Copy(TestServer.DataFile("roster.csv"), Path.Combine(inbox, "3-roster.csv"));
        File.Copy(TestServer.DataFile("hours.csv"), Path.Combine(inbox, "4-hours.csv"));

        await using var server = await TestServer.StartAsync(root: root);
        await TestServer.WaitUntilAsync(() => Task.FromResult(!Directory.EnumerateFiles(inbox).Any()), TimeSpan.FromSeconds(30), "the inbox to empty");

        using var ingests = JsonDocument.Parse(await server.GetTextAsync("/api/ingests"));
        Assert.Equal(["4-hours.csv", "3-roster.csv", "2-population.csv", "1-regions.csv"],
            ingests.RootElement.EnumerateArray().Select(e => e.GetProperty("file").GetString()));
        Assert.Equal(InboxJobsTests.ExpectedDistricts.ReplaceLineEndings("\n"),
            await server.GetTextAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv"));
    }

    [Fact]
    public async Task Ingest_CompletesAsNoOp_WhenFileHasAlreadyLeftTheInbox()
    {
        await using var server = await TestServer.StartAsync();

        var result = await server.App.Services.GetRequiredService<InboxJobs>().Ingest("archived-long-ago.csv", null, CancellationToken.None);

        Assert.Contains("no longer in the inbox", result);
        Assert.Equal("[]", await server.GetTextAsync("/api/ingests"));
    }

    [Fact]
    public async Task Watcher_LeavesFileAlone_WhenItIsStillBeingCopied()
    {
        await using var server = await TestServer.StartAsync();
        var partial = Path.Combine(server.Inbox, "roster.csv.part");

        File.Copy(TestServer.DataFile("roster.csv"), partial);
        server.App.Services.GetRequiredService<InboxJobs>().Scan();
        await Task.Delay(1500);

        Assert.True(File.Exists(partial));
        File.Move(partial, Path.Combine(server.Inbox, "roster.csv"));
        await TestServer.WaitUntilAsync(() => Task.FromResult(server.Archived().Any()), TimeSpan.FromSeconds(30), "roster.csv to be archived");
    }
}
