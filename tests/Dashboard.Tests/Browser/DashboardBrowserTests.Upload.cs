using System.Text;
using Microsoft.Playwright;

namespace VolunteerStats.Dashboard.Tests.Browser;

public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task Upload_LoadsAFile_AndTheRankingChanges()
    {
        await using var s = await site.NewSessionAsync();
        const string ranking = "/ranking?year=2024&through=2024-11&level=district"; // November: no other test reads it
        await s.GoAsync(ranking);
        var before = (await ReadRankingAsync(s.Page)).Single(r => r.Region == "330112").Values;

        // 40 volunteers of 临安区 each do 8 hours in November.
        var volunteers = site.RosterOf("330112").Take(40).ToList();
        Assert.Equal(40, volunteers.Count);
        var csv = new StringBuilder("记录编号,志愿者编号,服务日期,服务时长（小时）\n");
        for (var i = 0; i < volunteers.Count; i++) csv.Append($"UPLOAD{i:D4},{volunteers[i]},2024-11-20,8\n");

        await s.GoAsync("/upload");
        await s.Page.SetInputFilesAsync("#files", new FilePayload { Name = "临安区补录_2024-11.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        var row = s.Page.Locator("#upload-list tbody tr").First;
        await s.Page.WaitForSelectorAsync("#upload-list tbody tr[data-state=done], #upload-list tbody tr[data-state=failed]",
            new PageWaitForSelectorOptions { Timeout = 60_000 });
        var text = await row.InnerTextAsync();
        Assert.True(await row.GetAttributeAsync("data-state") == "done" && text.Contains("新增 40") && text.Contains("志愿服务时长记录"), text);

        await s.GoAsync(ranking);
        var after = (await ReadRankingAsync(s.Page)).Single(r => r.Region == "330112").Values;
        Assert.Equal(decimal.Parse(before["total_hours"], System.Globalization.CultureInfo.InvariantCulture) + 320m,
            decimal.Parse(after["total_hours"], System.Globalization.CultureInfo.InvariantCulture));
        // And the page still shows exactly what the API (the same text as `indicators`) answers now.
        var apiCsv = await s.Page.EvaluateAsync<string>("() => fetch('/api/indicators?year=2024&through=2024-11&level=district&format=csv').then(r => r.text())");
        var expected = ParseCsv(apiCsv).Single(r => r["region_code"] == "330112");
        foreach (var (field, value) in after) Assert.Equal(expected[field], value);
        s.AssertClean();
    }
}
