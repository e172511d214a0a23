namespace VolunteerStats.Dashboard.Tests.Browser;

public sealed partial class DashboardBrowserTests
{
    /// <summary>
    /// The admin adds a leader limited to 上城区 on /admin/users; that leader signs in, sees 上城区 and what is below it
    /// only, gets 403 for 拱墅区, and cannot open /admin/users.
    /// </summary>
    [Fact]
    public async Task AdminUsers_CreatesARegionLimitedLeader_WhoSeesOnlyTheirRegion()
    {
        const string name = "shangcheng-leader", password = "上城 leader 2024!";
        await using (var admin = await site.NewSessionAsync())
        {
            Assert.Equal(200, (await admin.GoAsync("/admin/users"))!.Status);
            await admin.Page.FillAsync("#add-user input[name=username]", name);
            await admin.Page.FillAsync("#add-user input[name=password]", password);
            await admin.Page.SelectOptionAsync("#add-user select[name=role]", "leader");
            await admin.Page.FillAsync("#add-user input[name=region]", "330102 上城区");
            await admin.Page.ClickAsync("#add-user button[type=submit]");
            await admin.Page.WaitForSelectorAsync($"tr[data-user='{name}']");
            Assert.Contains(name, await admin.Page.InnerTextAsync(".notice.ok"));
            Assert.Equal("330102 上城区", await admin.Page.InputValueAsync($"tr[data-user='{name}'] input[name=region]"));

            // The same rules as /api/users: a short password is refused with the reason, nothing is created.
            await admin.Page.FillAsync("#add-user input[name=username]", "too-short");
            await admin.Page.FillAsync("#add-user input[name=password]", "abc");
            await admin.Page.ClickAsync("#add-user button[type=submit]");
            await admin.Page.WaitForSelectorAsync(".notice.bad");
            Assert.Contains("密码至少", await admin.Page.InnerTextAsync(".notice.bad"));
            Assert.Equal(0, await admin.Page.Locator("tr[data-user='too-short']").CountAsync());
            // The last admin offers no delete button.
            Assert.Equal(0, await admin.Page.Locator("tr[data-user='admin'] button[value=delete]").CountAsync());
            admin.AssertClean();
        }

        await using var leader = await site.NewSessionAsync(username: name, password: password);
        await leader.GoAsync("/");
        Assert.Contains("上城区", await leader.Page.InnerTextAsync("main h1"));
        Assert.Equal(0, await leader.Page.Locator("nav.nav a[href='/admin/users']").CountAsync());
        await leader.GoAsync("/ranking?year=2024&through=2024-10&level=street");
        var rows = await ReadRankingAsync(leader.Page);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("330102", r.Region));
        Assert.Equal(200, (await leader.GoAsync("/regions/330102001?year=2024&through=2024-10"))!.Status);
        Assert.Equal(403, (await leader.GoAsync("/regions/330105?year=2024&through=2024-10"))!.Status);
        Assert.Equal(403, (await leader.GoAsync("/admin/users"))!.Status);
        var api = await leader.Page.EvaluateAsync<int>("() => fetch('/api/demographics?year=2024&through=2024-10&region=330105').then(r => r.status)");
        Assert.Equal(403, api);
        var post = await leader.Page.EvaluateAsync<int>("() => fetch('/admin/users', { method: 'POST', body: new URLSearchParams({ username: 'x', password: 'xxxxxxxxxxxx', role: 'admin' }) }).then(r => r.status)");
        Assert.Equal(403, post);
        leader.ConsoleErrors.RemoveAll(e => e.Contains("403", StringComparison.Ordinal)); // the refused requests above
        leader.AssertClean();
    }
}
