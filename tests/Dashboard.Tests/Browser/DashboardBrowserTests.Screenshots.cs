using Microsoft.Playwright;

namespace VolunteerStats.Dashboard.Tests.Browser;

public sealed partial class DashboardBrowserTests
{
    public static readonly (string Name, string Path)[] ScreenshotPages =
    [
        ("overview", "/?year=2024&through=2024-10"),
        ("ranking", "/ranking?year=2024&through=2024-10&level=district"),
        ("region", "/regions/330102?year=2024&through=2024-10"),
        ("region-who", "/regions/330102?year=2024&through=2024-10#demographics-section"),
        ("region-who-en", "/regions/330106?year=2024&through=2024-10&lang=en#demographics-section"),
        ("stars", "/stars?year=2024&through=2024-10"),
        ("quality", "/quality"),
        ("upload", "/upload"),
        ("users", "/admin/users"),
        ("ranking-en", "/ranking?year=2024&through=2024-10&level=street&parent=330106&lang=en"),
    ];

    /// <summary>
    /// Every page at the two office screen sizes, and the big screen. The files go to <c>VOLSTATS_SCREENSHOTS</c>
    /// when set (how docs/images/ was made: look at them), else to a temporary folder.
    /// </summary>
    [Fact]
    public async Task Screenshots_AreTakenOfEveryPage_At1920And1366()
    {
        var folder = Environment.GetEnvironmentVariable("VOLSTATS_SCREENSHOTS") is { Length: > 0 } f ? f : Path.Combine(site.Root, "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (width, height) in new[] { (1920, 1080), (1366, 768) })
        {
            await using var s = await site.NewSessionAsync(width, height);
            foreach (var (name, path) in ScreenshotPages)
            {
                // A #fragment scrolls to that part of the page (the panels below the fold).
                var response = await s.GoAsync(path.Split('#')[0]);
                Assert.Equal(200, response!.Status);
                if (path.Split('#') is [_, var anchor]) await s.Page.EvaluateAsync($"() => document.getElementById('{anchor}').scrollIntoView()");
                await s.Page.WaitForTimeoutAsync(1500); // chart animations
                var file = Path.Combine(folder, $"page-{name}-{width}.png");
                await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
                Assert.True(new FileInfo(file).Length > 10_000, file);
            }
            await s.GoAsync("/screen?interval=600&lang=zh"); // the English page above left its language in a cookie
            await s.Page.WaitForSelectorAsync("#stage[data-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await s.Page.WaitForTimeoutAsync(1000);
            await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"screen-ranking-{width}.png") });
            await s.Page.EvaluateAsync("() => { document.querySelectorAll('.s-view').forEach(v => v.classList.toggle('on', v.dataset.view === 'trends')); window.dispatchEvent(new Event('resize')); }");
            await s.Page.WaitForTimeoutAsync(1200);
            await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"screen-trends-{width}.png") });
            await s.Page.EvaluateAsync("() => { document.querySelectorAll('.s-view').forEach(v => v.classList.toggle('on', v.dataset.view === 'who')); window.dispatchEvent(new Event('resize')); }");
            await s.Page.WaitForTimeoutAsync(1200);
            await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"screen-who-{width}.png") });
            s.AssertClean();
        }
    }
}
