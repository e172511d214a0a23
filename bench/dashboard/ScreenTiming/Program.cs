// The big screen's first full render (issue 14: ≤ 3 s): /screen at 1920×1080 in headless Chromium (Debian's
// /usr/bin/chromium through Playwright; never `playwright install`), from navigation start to the first frame painted
// after the first /screen/data arrived and every chart was drawn — the page's own flag, #stage[data-drawn], holds
// performance.now() at that frame (wwwroot/js/screen.js). RUNS times each:
//   cold: a new browser context (empty HTTP cache: ECharts, CSS and script fetched and compiled again);
//   warm: the same page reloaded in that context (assets from the browser cache, the server's answers cached).
// The first cold run of a fresh server also computes the server's answers: printed on its own as "first".
//   dotnet ScreenTiming.dll BASE_URL [BEARER_TOKEN] [RUNS]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5397";
var token = args.Length > 1 && args[1].Length > 0 ? args[1] : null;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

var cold = new List<double>();
var warm = new List<double>();
var walls = new List<double>();
for (var i = 0; i < runs; i++)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        Locale = "zh-CN",
        ExtraHTTPHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
    });
    var page = await context.NewPageAsync();
    var errors = new List<string>();
    page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
    var wall = Stopwatch.StartNew();
    await page.GotoAsync(baseUrl + "/screen");
    cold.Add(await DrawnAsync(page));
    walls.Add(wall.Elapsed.TotalMilliseconds);
    await page.ReloadAsync();
    warm.Add(await DrawnAsync(page));
    if (errors.Count > 0) Console.Error.WriteLine($"run {i + 1}: console errors: {string.Join(" | ", errors)}");
    Console.Error.WriteLine(FormattableString.Invariant($"run {i + 1}: cold {cold[^1]:F0} ms (wall {walls[^1]:F0} ms), warm {warm[^1]:F0} ms"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine(FormattableString.Invariant(
    $"RESULT screen runs={runs} first_ms={cold[0]:F0} cold_median_ms={Median(cold):F0} warm_median_ms={Median(warm):F0} cold_max_ms={cold.Max():F0} warm_max_ms={warm.Max():F0} cold_wall_median_ms={Median(walls):F0}"));

// ms from navigation start to the frame after the first data and charts (the page's data-drawn flag).
static async Task<double> DrawnAsync(IPage page)
{
    var flag = await page.WaitForSelectorAsync("#stage[data-drawn]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
    return double.Parse((await flag!.GetAttributeAsync("data-drawn"))!, CultureInfo.InvariantCulture);
}
