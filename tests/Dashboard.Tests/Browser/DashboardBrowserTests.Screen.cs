using Microsoft.Playwright;

namespace VolunteerStats.Dashboard.Tests.Browser;

public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task Screen_RendersRotatesAndShowsDataAsOf_WithoutReloading()
    {
        await using var s = await site.NewSessionAsync(1920, 1080);
        var started = DateTime.UtcNow;
        await s.GoAsync("/screen?interval=5");
        await s.Page.WaitForSelectorAsync("#stage[data-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        var firstRender = DateTime.UtcNow - started;
        // The flag bench/dashboard/ScreenTiming times: set once, after the first data and every chart were drawn.
        var drawn = await s.Page.WaitForSelectorAsync("#stage[data-drawn]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        Assert.InRange(double.Parse((await drawn!.GetAttributeAsync("data-drawn"))!, System.Globalization.CultureInfo.InvariantCulture), 1, 15_000);

        Assert.Contains("数据截至", await s.Page.InnerTextAsync("#s-asof"));
        Assert.Equal(3, await s.Page.Locator("#s-kpis .s-kpi").CountAsync());
        Assert.Equal(13, await s.Page.Locator("#s-ranking tbody tr").CountAsync()); // the 13 districts of 杭州市
        var first = await s.Page.GetAttributeAsync("#stage", "data-current");
        await s.Page.WaitForFunctionAsync($"document.getElementById('stage').getAttribute('data-current') !== '{first}'", null,
            new PageWaitForFunctionOptions { Timeout = 12_000 });
        Assert.NotEqual(first, await s.Page.GetAttributeAsync("#stage", "data-current"));
        Assert.True(await s.Page.Locator(".s-chart canvas").CountAsync() >= 3, "the trend charts are drawn");
        Assert.Equal(4, await s.Page.Locator(".s-who-chart canvas").CountAsync()); // who the volunteers are
        Assert.Contains("志愿者构成", await s.Page.TextContentAsync("#s-who-title")); // hidden until its turn: textContent
        Assert.True(firstRender < TimeSpan.FromSeconds(10), $"first render took {firstRender.TotalSeconds:F1} s");
        s.AssertClean();
    }

    [Fact]
    public async Task Screen_KeepsItsDataAndRecovers_WhenTheServerIsAway()
    {
        await using var s = await site.NewSessionAsync(1920, 1080);
        await s.Page.Clock.InstallAsync(); // the screen's timers run on a clock the test moves
        await s.GoAsync("/screen?interval=5");
        await s.Page.WaitForSelectorAsync("#stage[data-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        var loaded = await s.Page.GetAttributeAsync("#stage", "data-loaded");

        // The server goes away: the data requests fail. The screen keeps what it shows and says so.
        await s.Page.RouteAsync("**/screen/data**", route => route.AbortAsync("connectionrefused"));
        await s.Page.Clock.RunForAsync(61_000); // past the one-minute refresh
        await s.Page.WaitForFunctionAsync("document.getElementById('s-status').classList.contains('offline')", null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Equal(13, await s.Page.Locator("#s-ranking tbody tr").CountAsync());
        Assert.Contains("数据截至", await s.Page.InnerTextAsync("#s-asof"));

        // It comes back: the screen fetches again by itself and the notice goes.
        await s.Page.UnrouteAsync("**/screen/data**");
        await s.Page.Clock.RunForAsync(16_000); // the first retry comes 15 s after a failure
        await s.Page.WaitForFunctionAsync($"document.getElementById('stage').getAttribute('data-loaded') !== '{loaded}' && !document.getElementById('s-status').classList.contains('offline')",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.Empty(s.Foreign);
    }
}
