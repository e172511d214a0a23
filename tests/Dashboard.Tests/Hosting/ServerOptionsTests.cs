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
}
