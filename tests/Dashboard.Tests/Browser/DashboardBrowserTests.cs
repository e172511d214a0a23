using Microsoft.Playwright;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Tests.Browser;

/// <summary>
/// The pages in headless Chromium against the real server over a seeded database. One site for the class (seeding
/// takes a while); the class is split into files by concern. Runs in the server collection: one Hangfire at a time.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class DashboardBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Ranking_ShowsExactlyWhatIndicatorsPrints_ForEachLevelAndMonth()
    {
        await using var s = await site.NewSessionAsync();
        foreach (var q in BrowserSite.Queries)
        {
            var url = $"/ranking?year={q.Through[..4]}&through={q.Through}&level={q.Level}" + (q.Parent is null ? "" : $"&parent={q.Parent}");
            var response = await s.GoAsync(url);
            Assert.Equal(200, response!.Status);

            var expected = ParseCsv(site.Indicators[BrowserSite.Key(q)]);
            var shown = await ReadRankingAsync(s.Page);
            Assert.True(expected.Count > 0, $"indicators printed no rows for {url}");
            Assert.Equal(expected.Select(r => r["region_code"]), shown.Select(r => r.Region));
            foreach (var (row, cells) in expected.Zip(shown))
                foreach (var column in IndicatorFormats.Columns.Where(c => c is not ("level" or "parent_code")))
                    Assert.True(cells.Values.TryGetValue(column, out var value) && value == row[column],
                        $"{url}: region {row["region_code"]} {column}: page '{(cells.Values.TryGetValue(column, out var v) ? v : "(no cell)")}', indicators '{row[column]}'");
        }
        s.AssertClean();
    }

    [Fact]
    public async Task Ranking_SortsByAColumn_AndKeepsEveryValue()
    {
        await using var s = await site.NewSessionAsync();
        await s.GoAsync("/ranking?year=2024&through=2024-10&level=district");
        var before = await ReadRankingAsync(s.Page);

        await s.Page.ClickAsync("th a:has-text('注册率')");
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var after = await ReadRankingAsync(s.Page);

        Assert.Contains("sort=registration_rate", s.Page.Url);
        var rates = after.Select(r => decimal.Parse(r.Values["registration_rate"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rates.OrderByDescending(x => x), rates);
        Assert.Equal(before.Select(r => r.Region).Order(), after.Select(r => r.Region).Order());
        s.AssertClean();
    }

    [Fact]
    public async Task Regions_DrillsDownToACommunityInThreeClicks_AndBackByBreadcrumbs()
    {
        await using var s = await site.NewSessionAsync();
        await s.GoAsync("/regions/330100?year=2024&through=2024-10");

        // city → district → street → community: three clicks on region links.
        await s.Page.ClickAsync("tr[data-region='330102'] td[data-field=region_name] a");
        await s.Page.WaitForURLAsync("**/regions/330102?*");
        var street = await s.Page.GetAttributeAsync("table.ranking tbody tr >> nth=0", "data-region");
        await s.Page.ClickAsync($"tr[data-region='{street}'] td[data-field=region_name] a");
        await s.Page.WaitForURLAsync($"**/regions/{street}?*");
        var community = await s.Page.GetAttributeAsync("table.ranking tbody tr >> nth=0", "data-region");
        await s.Page.ClickAsync($"tr[data-region='{community}'] td[data-field=region_name] a");
        await s.Page.WaitForURLAsync($"**/regions/{community}?*");

        var crumbs = await s.Page.Locator("nav.breadcrumbs a[data-region]").AllAsync();
        var path = await Task.WhenAll(crumbs.Select(c => c.GetAttributeAsync("data-region")));
        Assert.Equal(new[] { "330100", "330102", street }, path);
        Assert.Contains("2024年10月", await s.Page.InnerTextAsync("main"));

        // Back up by the breadcrumbs, the period kept.
        await s.Page.ClickAsync("nav.breadcrumbs a[data-region='330102']");
        await s.Page.WaitForURLAsync("**/regions/330102?year=2024&through=2024-10");
        await s.Page.ClickAsync("nav.breadcrumbs a[data-region='330100']");
        await s.Page.WaitForURLAsync("**/regions/330100?year=2024&through=2024-10");
        Assert.Equal(1, await s.Page.Locator("tr[data-region='330102']").CountAsync());
        Assert.True(await s.Page.Locator("canvas").CountAsync() >= 3, "the trend charts are drawn");
        s.AssertClean();
    }

    [Fact]
    public async Task Pages_LoadNothingFromElsewhere_AndLogNoError()
    {
        await using var s = await site.NewSessionAsync(1920, 1080);
        foreach (var path in new[] { "/", "/ranking", "/ranking?level=street&parent=330102", "/regions/330102", "/regions/330100?lang=en", "/stars", "/quality", "/upload", "/stars?lang=zh", "/admin/users", "/admin/users?lang=en", "/regions/330102001?lang=en" })
        {
            var response = await s.GoAsync(path);
            Assert.Equal(200, response!.Status);
            Assert.Equal("webkit", await s.Page.GetAttributeAsync("meta[name=renderer]", "content"));
        }
        s.AssertClean();
    }

    internal sealed record ShownRow(string Region, Dictionary<string, string> Values);

    internal static async Task<List<ShownRow>> ReadRankingAsync(IPage page)
    {
        var rows = await page.EvaluateAsync<Dictionary<string, string>[]>("""
            () => Array.from(document.querySelectorAll('table.ranking tbody tr[data-region]')).map(tr => {
              const o = { '#region': tr.getAttribute('data-region') };
              tr.querySelectorAll('[data-field]').forEach(td => { o[td.getAttribute('data-field')] = td.getAttribute('data-value'); });
              return o;
            })
            """);
        return rows.Select(r => new ShownRow(r["#region"], r.Where(kv => kv.Key != "#region").ToDictionary(kv => kv.Key, kv => kv.Value))).ToList();
    }

    /// <summary>The §6 CSV as rows of column → text (a quoted field may hold a comma).</summary>
    internal static List<Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var header = SplitCsvLine(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(SplitCsvLine(l)).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
