using System.Net;
using System.Text.Json;
using VolunteerStats.Dashboard.Tests.Inbox;

namespace VolunteerStats.Dashboard.Tests.Pages.Admin;

[Collection(ServerCollection.Name)]
public sealed class UsersPageTests
{
    /// <summary>A form post without the page's anti-forgery token changes nothing, even from an admin.</summary>
    [Fact]
    public async Task Create_ChangesNothing_WhenTheFormHasNoAntiforgeryToken()
    {
        await using var server = await TestServer.StartAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "intruder", ["password"] = "long enough 123", ["role"] = "admin" });
        using var response = await server.Http.PostAsync("/admin/users", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var users = JsonDocument.Parse(await server.Http.GetStringAsync("/api/users"));
        Assert.DoesNotContain(users.RootElement.EnumerateArray(), u => u.GetProperty("username").GetString() == "intruder");
    }

    /// <summary>
    /// /api/demographics follows the region limit: the leader's own district by default, 403 for another, and every
    /// panel adds up to that district's registered and active in /api/indicators.
    /// </summary>
    [Fact]
    public async Task Demographics_HoldsOnlyTheUsersRegion_AndAddsUpToTheIndicators()
    {
        await using var server = await TestServer.StartAsync();
        await InboxJobsTests.DropAllAsync(server);
        using var leader = await server.CreateUserAsync("luohu-who", "leader", "440303");

        using var own = JsonDocument.Parse(await leader.GetStringAsync("/api/demographics?year=2024&through=2024-03"));
        var indicators = (await leader.GetStringAsync("/api/indicators?year=2024&through=2024-03&level=district&format=csv")).TrimEnd('\n').Split('\n');
        var header = indicators[0].Split(',');
        var row = indicators[1].Split(',');
        var registered = long.Parse(row[Array.IndexOf(header, "registered")], System.Globalization.CultureInfo.InvariantCulture);
        var active = long.Parse(row[Array.IndexOf(header, "active")], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("440303", own.RootElement.GetProperty("region_code").GetString());
        Assert.True(registered > 0);
        foreach (var panel in own.RootElement.GetProperty("panels").EnumerateArray())
        {
            Assert.Equal(registered, panel.GetProperty("slices").EnumerateArray().Sum(s => s.GetProperty("registered").GetInt64()));
            Assert.Equal(active, panel.GetProperty("slices").EnumerateArray().Sum(s => s.GetProperty("active").GetInt64()));
        }
        // The roster gives no gender: one slice, 未填写, holding everybody.
        var gender = own.RootElement.GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("dimension").GetString() == "gender");
        var slice = Assert.Single(gender.GetProperty("slices").EnumerateArray());
        Assert.Equal("未填写", slice.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, slice.GetProperty("value").ValueKind);

        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/demographics?year=2024&region=440300")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/demographics?year=2024&region=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/admin/users")).StatusCode);
    }
}
