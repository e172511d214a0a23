namespace VolunteerStats.Dashboard.Tests.Browser;

public sealed partial class DashboardBrowserTests
{
    /// <summary>
    /// The overview shows the year-end forecast from the stored models (trained before the server started, as the
    /// nightly job does), or — once a later upload made them stale — says 预测尚未生成 and when the job makes it; it
    /// never trains on the request (ForecastService.ForecastStored).
    /// </summary>
    [Fact]
    public async Task Overview_ShowsTheStoredForecast_OrWhenItWillBeMade()
    {
        await using var s = await site.NewSessionAsync(1920, 1080);
        await s.GoAsync("/?year=2024&through=2024-10");
        var state = await s.Page.GetAttributeAsync("section.forecast", "data-forecast");
        var text = await s.Page.InnerTextAsync("section.forecast");
        Assert.Contains("年末预测", text);
        if (state == "ready")
        {
            Assert.Equal(3, await s.Page.Locator("section.forecast tbody tr[data-indicator]").CountAsync());
            Assert.Contains("80% 区间", text);
        }
        else
        {
            Assert.Equal("pending", state);
            Assert.Contains("预测尚未生成", text);
        }
        // December is the year's end: no forecast card.
        await s.GoAsync("/?year=2024&through=2024-12");
        Assert.Equal(0, await s.Page.Locator("section.forecast").CountAsync());
        s.AssertClean();
    }
}
