using System.Text.Json;

namespace VolunteerStats.Dashboard.Tests.Browser;

public sealed partial class DashboardBrowserTests
{
    /// <summary>
    /// Who the volunteers are: on a district's and a street's page every panel (age band, gender, political status,
    /// organization, service category) adds up to exactly the registered and active the ranking shows for that region,
    /// the charts are drawn, and /api/demographics answers the same figures.
    /// </summary>
    [Fact]
    public async Task Demographics_PanelTotalsEqualTheRanking_ForTheRegion()
    {
        await using var s = await site.NewSessionAsync(1920, 1080);
        foreach (var (region, level, parent) in new[] { ("330102", "district", (string?)null), ("330106", "district", null), ("330102001", "street", "330102") })
        {
            await s.GoAsync($"/ranking?year=2024&through=2024-10&level={level}" + (parent is null ? "" : $"&parent={parent}"));
            var ranked = (await ReadRankingAsync(s.Page)).Single(r => r.Region == region).Values;
            var registered = long.Parse(ranked["registered"], System.Globalization.CultureInfo.InvariantCulture);
            var active = long.Parse(ranked["active"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(registered > 0, $"{region} has volunteers in the seeded data");

            await s.GoAsync($"/regions/{region}?year=2024&through=2024-10");
            // Each panel as "dimension|registered summed over its rows|active summed|charts drawn".
            var panels = (await s.Page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('section.demographics .demo-panel')).map(p => [
                  p.getAttribute('data-dimension'),
                  Array.from(p.querySelectorAll('tbody tr[data-value]')).reduce((a, tr) => a + Number(tr.getAttribute('data-registered')), 0),
                  Array.from(p.querySelectorAll('tbody tr[data-value]')).reduce((a, tr) => a + Number(tr.getAttribute('data-active')), 0),
                  p.querySelectorAll('canvas').length
                ].join('|'))
                """)).Select(x => x.Split('|')).ToList();
            Assert.Equal(new[] { "age", "gender", "political", "organization", "category" }, panels.Select(p => p[0]));
            foreach (var p in panels)
            {
                Assert.True(registered.ToString(System.Globalization.CultureInfo.InvariantCulture) == p[1], $"{region} {p[0]}: registered {p[1]} vs ranking {registered}");
                Assert.True(active.ToString(System.Globalization.CultureInfo.InvariantCulture) == p[2], $"{region} {p[0]}: active {p[2]} vs ranking {active}");
                Assert.True(p[3] != "0", $"{region} {p[0]}: no chart drawn");
            }

            using var json = JsonDocument.Parse(await s.Page.EvaluateAsync<string>($"() => fetch('/api/demographics?year=2024&through=2024-10&region={region}').then(r => r.text())"));
            var api = json.RootElement;
            Assert.Equal(registered, api.GetProperty("registered").GetInt64());
            Assert.Equal(active, api.GetProperty("active").GetInt64());
            foreach (var panel in api.GetProperty("panels").EnumerateArray())
            {
                Assert.Equal(registered, panel.GetProperty("slices").EnumerateArray().Sum(x => x.GetProperty("registered").GetInt64()));
                Assert.Equal(active, panel.GetProperty("slices").EnumerateArray().Sum(x => x.GetProperty("active").GetInt64()));
            }
        }
        // English labels on the switch; a missing value reads 未填写 / Not given, never dropped.
        await s.GoAsync("/regions/330102?year=2024&through=2024-10&lang=en");
        Assert.Contains("Political status", await s.Page.InnerTextAsync("section.demographics"));
        s.AssertClean();
    }
}
