using Microsoft.Extensions.Options;

namespace VolunteerStats.Dashboard.Tests.Hosting;

[Collection(ServerCollection.Name)]
public sealed class ServerOptionsTests
{
    [Fact]
    public async Task Start_Fails_WhenSettleTimeIsNotPositive()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestServer.StartAsync(settings: new Dictionary<string, string?> { ["Inbox:SettleTime"] = "00:00:00" }));
        Assert.Contains("Inbox:SettleTime", error.Message);
    }

    [Fact]
    public async Task Start_Fails_WhenTimeZoneIsUnknown()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestServer.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:TimeZone"] = "Mars/Olympus" }));
        Assert.Contains("Jobs:TimeZone", error.Message);
    }

    [Fact]
    public async Task RunAsync_Returns1_WhenACronCannotBeParsed()
    {
        var root = TestServer.NewRoot();
        var settings = TestServer.FastSettings(root);
        settings["Jobs:QualitySnapshotCron"] = "every night";
        var serve = new ServeSettings($"http://127.0.0.1:{TestServer.FreePort()}", Path.Combine(root, "data"),
            Path.Combine(root, "volstats.duckdb"), LoadSample: false) { Settings = settings };

        var exitCode = await ServerHost.RunAsync(serve).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Directory.Delete(root, recursive: true);
    }
}
