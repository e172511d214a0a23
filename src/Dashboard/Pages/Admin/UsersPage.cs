using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using VolunteerStats.Dashboard.Auth;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Dashboard.Users;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Metrics.Regions;

namespace VolunteerStats.Dashboard.Pages.Admin;

/// <summary>
/// <c>/admin/users</c> (admins): every user with role, region limit and lockout; add a user, change role, region or
/// password, unlock, delete. Forms post with an anti-forgery token and go through <see cref="UserStore"/>, the same
/// rules as <c>/api/users</c> (names, password length, the last admin stays). A region is picked by name or code from
/// the regions file.
/// </summary>
public static class UsersPage
{
    public static async Task<IResult> Get(HttpContext http, UserStore users, PageData data, IAntiforgery antiforgery, TimeProvider clock) =>
        await Render(http, users, data, antiforgery, clock, null, StatusCodes.Status200OK);

    /// <summary><c>POST /admin/users</c>: creates a user from the form (<c>username</c>, <c>password</c>, <c>role</c>, <c>region</c>).</summary>
    public static async Task<IResult> Create(HttpContext http, UserStore users, PageData data, IAntiforgery antiforgery, TimeProvider clock)
    {
        if (await Refused(http, antiforgery) is { } refused) return refused;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var req = new PageRequest(http);
        try
        {
            var region = await Region(data, form["region"].ToString(), req);
            var user = await users.CreateAsync(new NewUser(form["username"], form["password"], form["role"], region), http.RequestAborted);
            return Done(req, req.Lang == Lang.Zh ? $"已添加用户 {user.Username}。" : $"User {user.Username} added.");
        }
        catch (UserValidationException e)
        {
            return await Render(http, users, data, antiforgery, clock, e.Message, StatusCodes.Status200OK);
        }
    }

    /// <summary>
    /// <c>POST /admin/users/{username}</c>: <c>action</c> = <c>save</c> (role, region, and a new password when one is
    /// typed), <c>unlock</c> or <c>delete</c>.
    /// </summary>
    public static async Task<IResult> Change(string username, HttpContext http, UserStore users, PageData data, IAntiforgery antiforgery, TimeProvider clock)
    {
        if (await Refused(http, antiforgery) is { } refused) return refused;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var req = new PageRequest(http);
        var zh = req.Lang == Lang.Zh;
        try
        {
            switch (form["action"].ToString())
            {
                case "delete":
                    if (!await users.DeleteAsync(username, http.RequestAborted)) return Results.NotFound();
                    return Done(req, zh ? $"已删除用户 {username}。" : $"User {username} deleted.");
                case "unlock":
                    if (await users.UpdateAsync(username, new UserChange(Unlock: true), http.RequestAborted) is null) return Results.NotFound();
                    return Done(req, zh ? $"已解锁用户 {username}。" : $"User {username} unlocked.");
                default:
                    var regionText = form["region"].ToString();
                    var region = await Region(data, regionText, req);
                    var password = form["password"].ToString();
                    var change = new UserChange(password.Length == 0 ? null : password, form["role"], region, ClearRegion: region is null);
                    if (await users.UpdateAsync(username, change, http.RequestAborted) is null) return Results.NotFound();
                    return Done(req, zh ? $"已保存用户 {username}。" : $"User {username} saved.");
            }
        }
        catch (UserValidationException e)
        {
            return await Render(http, users, data, antiforgery, clock, $"{username}: {e.Message}", StatusCodes.Status200OK);
        }
    }

    private static async Task<IResult?> Refused(HttpContext http, IAntiforgery antiforgery)
    {
        var req = new PageRequest(http);
        if (!req.Access.IsAdmin) return Layout.Message(req, req.T(Str.NavUsers), req.T(Str.Forbidden), null, StatusCodes.Status403Forbidden);
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Layout.Message(req, req.T(Str.NavUsers), req.Lang == Lang.Zh ? "页面已过期，请刷新后重试。" : "The page expired: reload it and try again.", null, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>After a change: back to the list (303, so a reload does not post again) with what was done.</summary>
    private static IResult Done(PageRequest req, string message) =>
        Results.Redirect(Layout.Url("/admin/users", ("done", message), ("lang", req.Lang == Lang.En ? "en" : null)), permanent: false, preserveMethod: false);

    /// <summary>The region typed or picked: empty for every region, a code, or a name resolved in the regions file.</summary>
    private static async Task<string?> Region(PageData data, string text, PageRequest req)
    {
        text = text.Trim();
        if (text.Length == 0 || text is "*" or "全部") return null;
        // "330102 上城区" as the picker fills it: the code.
        var first = text.Split(' ', 2)[0];
        try
        {
            return await data.ReadAsync(c => RegionResolver.Resolve(IndicatorService.ListRegions(c), first.All(char.IsAsciiDigit) ? first : text, req.Lang == Lang.Zh ? "区划" : "region"), req.Aborted);
        }
        catch (IndicatorQueryException e)
        {
            throw new UserValidationException(e.Message);
        }
    }

    private static async Task<IResult> Render(HttpContext http, UserStore users, PageData data, IAntiforgery antiforgery, TimeProvider clock, string? error, int status)
    {
        var req = new PageRequest(http);
        if (!req.Access.IsAdmin) return Layout.Message(req, req.T(Str.NavUsers), req.T(Str.Forbidden), null, StatusCodes.Status403Forbidden);
        var zh = req.Lang == Lang.Zh;
        var (regions, freshness) = await data.ReadCachedAsync(req, c => (c.Regions(), c.Freshness()));
        var tokens = antiforgery.GetAndStoreTokens(http);
        var token = HtmlWriter.Fragment($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken ?? ""}">""");
        var now = clock.GetUtcNow().UtcDateTime;
        var f = req.Format;
        var list = users.List();
        var admins = list.Count(u => u.Role == Roles.Admin);
        var w = new HtmlWriter();
        w.Add($"""<div class="page-head"><h1>{req.T(Str.NavUsers)} <small>{(zh ? $"共 {list.Count} 个用户" : $"{list.Count} users")}</small></h1></div>""");
        if (error is not null) w.Add($"""<p class="notice bad" role="alert">✗ {error}</p>""");
        else if (req.Query("done") is { } done) w.Add($"""<p class="notice ok" role="status">✓ {done}</p>""");

        // The region picker: every region of the file, by code and name, with its parents for the same name twice.
        w.Add($"""<datalist id="region-options">""");
        foreach (var r in regions.All.OrderBy(r => r.Code, StringComparer.Ordinal))
            w.Add($"""<option value="{r.Code} {r.Name}">{string.Join(" › ", regions.Path(r.Code).Select(regions.Name))}</option>""");
        w.Add($"""</datalist>""");

        w.Add($"""
            <section class="card"><h2>{(zh ? "添加用户" : "Add a user")}</h2>
            <form method="post" action="/admin/users{(req.Lang == Lang.En ? "?lang=en" : "")}" class="user-form" id="add-user" autocomplete="off">{token}
              <label>{(zh ? "用户名" : "User name")} <input name="username" required maxlength="64"></label>
              <label>{(zh ? "初始密码" : "Password")} <input name="password" type="password" required autocomplete="new-password"></label>
              <label>{req.T(Str.Role)} {RoleSelect(req, Roles.Leader)}</label>
              <label>{(zh ? "可查看区划" : "Region")} <input name="region" list="region-options" placeholder="{(zh ? "留空 = 全部区划" : "empty = every region")}"></label>
              <button type="submit">{(zh ? "添加" : "Add")}</button>
            </form>
            <p class="hint">{(zh ? "领导只能查看；分析员可上传数据、查看数据质量和导出；管理员另可管理用户和后台任务。限定区划的用户只能看到该区划及其下级。" : "Leaders read; analysts also upload, see data quality and export; admins also manage users and jobs. A user limited to a region sees that region and those below it only.")}</p>
            </section>
            """);

        w.Add($"""
            <section class="card"><h2>{(zh ? "用户" : "Users")}</h2><div class="table-wrap"><table class="data users"><thead><tr>
            <th>{(zh ? "用户名" : "User")}</th><th>{req.T(Str.Role)}</th><th>{(zh ? "可查看区划" : "Region")}</th><th>{(zh ? "新密码" : "New password")}</th><th>{(zh ? "状态" : "State")}</th><th>{(zh ? "创建 / 修改" : "Created / changed")}</th><th></th></tr></thead><tbody>
            """);
        foreach (var u in list)
        {
            var form = $"u-{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(u.Username))}";
            var action = Layout.Url($"/admin/users/{Uri.EscapeDataString(u.Username)}", ("lang", req.Lang == Lang.En ? "en" : null));
            var locked = u.LockedUntil is { } l && l > now;
            var self = string.Equals(u.Username, req.Access.UserName, StringComparison.OrdinalIgnoreCase);
            var lastAdmin = u.Role == Roles.Admin && admins == 1;
            var regionValue = u.Region is { } code ? $"{code} {regions.Name(code)}" : "";
            w.Add($"""
                <tr data-user="{u.Username}"><td><b>{u.Username}</b>{(self ? HtmlWriter.Fragment($" <small class=\"muted\">{(zh ? "（当前登录）" : "(you)")}</small>") : Raw.Empty)}</td>
                <td>{RoleSelect(req, u.Role, form, lastAdmin)}</td>
                <td><input name="region" form="{form}" list="region-options" value="{regionValue}" placeholder="{(zh ? "全部区划" : "every region")}"></td>
                <td><input name="password" form="{form}" type="password" autocomplete="new-password" placeholder="{(zh ? "不修改则留空" : "leave empty to keep")}"></td>
                <td>{(locked ? HtmlWriter.Fragment($"<span class=\"status-bad\">{(zh ? "已锁定至" : "locked until")} {f.DateTime(u.LockedUntil!.Value)}</span>") : u.FailedLogins > 0 ? HtmlWriter.Fragment($"<span class=\"muted\">{(zh ? $"密码错误 {u.FailedLogins} 次" : $"{u.FailedLogins} wrong passwords")}</span>") : HtmlWriter.Fragment($"<span class=\"status-ok\">{(zh ? "正常" : "active")}</span>"))}</td>
                <td class="muted">{f.DateTime(u.CreatedAt)}<br>{f.DateTime(u.ChangedAt)}</td>
                <td class="actions"><form method="post" action="{action}" id="{form}" class="inline">{token}
                  <button type="submit" name="action" value="save">{(zh ? "保存" : "Save")}</button>
                  {(locked || u.FailedLogins > 0 ? HtmlWriter.Fragment($"<button type=\"submit\" name=\"action\" value=\"unlock\">{(zh ? "解锁" : "Unlock")}</button>") : Raw.Empty)}
                  {(lastAdmin ? Raw.Empty : HtmlWriter.Fragment($"<button type=\"submit\" name=\"action\" value=\"delete\" class=\"danger\" data-confirm=\"{(zh ? $"确定删除用户 {u.Username}？" : $"Delete user {u.Username}?")}\">{(zh ? "删除" : "Delete")}</button>"))}
                </form></td></tr>
                """);
        }
        w.Add($"""
            </tbody></table></div>
            <p class="hint">{(zh ? "修改密码、角色或区划后，该用户需重新登录；最后一个管理员不能删除或降级。" : "After a change of password, role or region the user signs in again; the last admin can be neither deleted nor demoted.")}</p></section>
            <script src="/js/admin.js?v={Layout.AssetVersion}" defer></script>
            """);
        return Layout.Page(req, req.T(Str.NavUsers), "users", w.ToRaw(), freshness, status: status);
    }

    private static Raw RoleSelect(PageRequest req, string selected, string? form = null, bool lockedToAdmin = false)
    {
        var w = new HtmlWriter();
        w.Add($"""<select name="role"{(form is null ? Raw.Empty : HtmlWriter.Fragment($" form=\"{form}\""))}>""");
        foreach (var role in Roles.All)
        {
            if (lockedToAdmin && role != Roles.Admin) continue;
            w.Add($"""<option value="{role}"{(role == selected ? new Raw(" selected") : Raw.Empty)}>{Layout.RoleName(req, role)}</option>""");
        }
        w.Add($"""</select>""");
        return w.ToRaw();
    }
}
