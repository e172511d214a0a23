using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VolunteerStats.Dashboard.Inbox;
using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Dashboard.Pages.Upload;

/// <summary>
/// <c>/upload</c> (analysts and admins): several export files by drag and drop. <c>POST /upload/files</c> stores
/// each under a generated name in the inbox and queues its ingest (the same job as a file dropped into the
/// folder); <c>GET /upload/status?name=</c> reports the file's summary once the job is done.
/// </summary>
public static class UploadPage
{
    /// <summary>Largest file accepted: a year of a big city's service records as CSV.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static readonly string[] Extensions = [".csv", ".xlsx", ".txt"];

    public sealed record Accepted(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("error")] string? Error);

    public sealed record Status(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("summary")] string? Summary,
        [property: JsonPropertyName("error")] string? Error);

    public static IResult Get(HttpContext http, IAntiforgery antiforgery)
    {
        var req = new PageRequest(http);
        if (!req.Access.CanUpload && req.Access.Role is not null)
            return Layout.Message(req, req.T(Str.UploadTitle), req.T(Str.Forbidden), null, StatusCodes.Status403Forbidden);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var w = new HtmlWriter();
        w.Add($"""
            <div class="page-head"><h1>{req.T(Str.UploadTitle)}</h1></div>
            <form id="upload" class="card" method="post" action="/upload/files" enctype="multipart/form-data"
                  data-status-url="/upload/status" data-max-bytes="{MaxBytes}"
                  data-t-waiting="{req.T(Str.UploadWaiting)}" data-t-done="{req.T(Str.UploadDone)}" data-t-failed="{req.T(Str.UploadFailed)}">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken ?? ""}">
              <label class="dropzone" id="dropzone" for="files">
                <span>{req.T(Str.UploadDrop)}</span>
                <input type="file" id="files" name="files" multiple accept=".csv,.xlsx,.txt" hidden>
              </label>
              <p class="hint">{req.T(Str.UploadHint)} {(req.Lang == Lang.Zh ? $"单个文件不超过 {MaxBytes / 1024 / 1024} MB。" : $"Up to {MaxBytes / 1024 / 1024} MB a file.")}</p>
              <noscript><button type="submit">{req.T(Str.NavUpload)}</button></noscript>
            </form>
            <section class="card uploads"><table class="data" id="upload-list"><thead><tr>
              <th>{req.T(Str.File)}</th><th>{req.T(Str.Kind)}</th><th>{(req.Lang == Lang.Zh ? "状态" : "Status")}</th><th>{(req.Lang == Lang.Zh ? "结果" : "Summary")}</th>
            </tr></thead><tbody></tbody></table></section>
            """);
        return Layout.Page(req, req.T(Str.UploadTitle), "upload", w.ToRaw(), null);
    }

    public static async Task<IResult> Post(HttpContext http, IAntiforgery antiforgery, InboxFolders folders, InboxQueue queue,
        TimeProvider clock, ILoggerFactory loggers)
    {
        var req = new PageRequest(http);
        if (!req.Access.CanUpload && req.Access.Role is not null) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (!http.Request.HasFormContentType) return Results.BadRequest(new Accepted("", null, "multipart/form-data expected"));
        // Kestrel's 30 MB and the form reader's 128 MB defaults are below an export of a year's records.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxBytes * 4;
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(http.Request,
            new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxBytes * 4 }));
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest(new Accepted("", null, req.Lang == Lang.Zh ? "页面已过期，请刷新后重新上传" : "the page expired: reload it and upload again"));
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var logger = loggers.CreateLogger("VolunteerStats.Dashboard.Pages.Upload");
        var results = new List<Accepted>();
        folders.Create();
        foreach (var file in form.Files)
        {
            var original = Path.GetFileName(file.FileName);
            var extension = Path.GetExtension(original).ToLowerInvariant();
            if (!Extensions.Contains(extension))
            {
                results.Add(new Accepted(original, null, req.Lang == Lang.Zh ? "只接受 CSV 或 Excel（.xlsx）文件" : "only CSV or Excel (.xlsx) files"));
                continue;
            }
            if (file.Length == 0 || file.Length > MaxBytes)
            {
                results.Add(new Accepted(original, null, req.Lang == Lang.Zh ? $"文件为空或超过 {MaxBytes / 1024 / 1024} MB" : $"empty or over {MaxBytes / 1024 / 1024} MB"));
                continue;
            }
            var name = GeneratedName(original, extension, clock);
            var part = Path.Combine(folders.Inbox, name + ".part");
            await using (var target = File.Create(part))
                await file.CopyToAsync(target, http.RequestAborted);
            File.Move(part, Path.Combine(folders.Inbox, name));
            queue.Enqueue(name);
            logger.LogInformation("Upload {Original} by {User} stored as {Name}", original, req.Access.UserName, name);
            results.Add(new Accepted(original, name, null));
        }
        return Results.Json(results);
    }

    /// <summary>
    /// Where a stored upload is: in the files table (loaded: its counts), in <c>failed/</c> (why), archived as
    /// already loaded, or still waiting.
    /// </summary>
    public static async Task<IResult> GetStatus(HttpContext http, PageData data, InboxFolders folders)
    {
        var req = new PageRequest(http);
        if (!req.Access.CanUpload && req.Access.Role is not null) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var name = Path.GetFileName(req.Query("name") ?? "");
        if (name.Length == 0 || name != req.Query("name")) return Results.BadRequest();
        var f = req.Format;
        var row = await data.ReadAsync(c => c.Query("""
            SELECT kind, rows_read, inserted, updated, unchanged, unmatched, rejected FROM files WHERE name = $name
            ORDER BY file_id DESC LIMIT 1
            """, ("name", name)).Select(r => (Kind: r.GetString(0), Read: r.GetInt64(1), Inserted: r.GetInt64(2), Updated: r.GetInt64(3),
                Unchanged: r.GetInt64(4), Unmatched: r.GetInt64(5), Rejected: r.GetInt64(6))).FirstOrDefault(), req.Aborted);
        // Done once the file has left the inbox: the job moves it after the views people look at are of the new data.
        if (row.Kind is not null && !File.Exists(Path.Combine(folders.Inbox, name)))
        {
            var kind = Str.Kinds.TryGetValue(row.Kind, out var k) ? req.T(k) : row.Kind;
            var summary = req.Lang == Lang.Zh
                ? $"读取 {f.Whole(row.Read)} 行：新增 {f.Whole(row.Inserted)}，更新 {f.Whole(row.Updated)}，未变 {f.Whole(row.Unchanged)}，未匹配 {f.Whole(row.Unmatched)}，拒收 {f.Whole(row.Rejected)}"
                : $"{f.Whole(row.Read)} rows read: {f.Whole(row.Inserted)} inserted, {f.Whole(row.Updated)} updated, {f.Whole(row.Unchanged)} unchanged, {f.Whole(row.Unmatched)} unmatched, {f.Whole(row.Rejected)} rejected";
            return Results.Json(new Status(name, "done", kind, summary, null));
        }
        var error = Path.Combine(folders.Failed, name + ".error.txt");
        if (File.Exists(error))
            return Results.Json(new Status(name, "failed", null, null, await File.ReadAllTextAsync(error, Encoding.UTF8, req.Aborted)));
        if (File.Exists(Path.Combine(folders.Inbox, name)))
            return Results.Json(new Status(name, "waiting", null, null, null));
        var archived = Directory.Exists(folders.Archive) && Directory.EnumerateFiles(folders.Archive, name, SearchOption.AllDirectories).Any();
        return Results.Json(archived
            ? new Status(name, "done", null, req.Lang == Lang.Zh ? "与已导入的文件内容相同，未重复导入" : "same content as a file already loaded: nothing changed", null)
            : new Status(name, "waiting", null, null, null));
    }

    /// <summary>
    /// <c>20241105-120000-1a2b3c4d_原名.csv</c>: unique, safe in a path, sorting in arrival order, and still telling
    /// people which export it was.
    /// </summary>
    internal static string GeneratedName(string original, string extension, TimeProvider clock)
    {
        var stem = Path.GetFileNameWithoutExtension(original);
        var safe = new StringBuilder();
        foreach (var ch in stem)
            safe.Append(char.IsLetterOrDigit(ch) || ch is '-' or '_' or '(' or ')' ? ch : '_');
        var kept = safe.ToString().Trim('_');
        if (kept.Length > 60) kept = kept[..60];
        var stamp = clock.GetUtcNow().AddHours(8).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return $"{stamp}-{Guid.NewGuid().ToString("N")[..8]}_{(kept.Length == 0 ? "upload" : kept)}{extension}";
    }
}
