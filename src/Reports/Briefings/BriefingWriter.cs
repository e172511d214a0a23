using Microsoft.Extensions.Logging;

namespace VolunteerStats.Reports.Briefings;

/// <summary>The files of one briefing; <see cref="PdfError"/> says why there is no PDF when there is none.</summary>
public sealed record BriefingFiles(string Folder, IReadOnlyList<string> Paths, string? PdfError);

/// <summary>Writes a briefing's .docx and .html (each atomically, by rename), then converts the .docx to .pdf.</summary>
public sealed class BriefingWriter(PdfConverter pdf, ILogger<BriefingWriter> logger)
{
    /// <summary>LibreOffice started ahead of the document (see <see cref="PdfConverter.StartSession"/>), or null.</summary>
    public PdfSession? StartPdf() => pdf.StartSession();

    /// <summary>
    /// Writes the .docx and .html, then the PDF through <paramref name="session"/> when one was started earlier (else one
    /// is started here, so that LibreOffice starts while the document is composed).
    /// </summary>
    public async Task<BriefingFiles> WriteAsync(BriefingContent content, string folder, CancellationToken ct, BriefingPhases? phases = null, PdfSession? session = null)
    {
        phases ??= new BriefingPhases();
        using var own = session is null ? pdf.StartSession() : null;
        session ??= own;
        Directory.CreateDirectory(folder);
        var doc = phases.Time("compose + charts", () => BriefingComposer.Compose(content));
        var docx = Path.Combine(folder, content.FileStem + ".docx");
        var html = Path.Combine(folder, content.FileStem + ".html");
        await phases.TimeAsync("docx", () => WriteAtomicAsync(docx, DocxRenderer.Render(doc), ct));
        await phases.TimeAsync("html", () => WriteAtomicAsync(html, System.Text.Encoding.UTF8.GetBytes(HtmlRenderer.Render(doc)), ct));
        try
        {
            var path = await phases.TimeAsync("pdf (LibreOffice)", () => pdf.ConvertAsync(docx, folder, ct, session));
            logger.LogInformation("Briefing {Region} {Year}-{Month:00} written to {Folder}", content.RegionCode, content.Year, content.Month, folder);
            return new BriefingFiles(folder, [docx, html, path], null);
        }
        catch (PdfConversionException e)
        {
            return new BriefingFiles(folder, [docx, html], e.Message);
        }
    }

    private static async Task WriteAtomicAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path, overwrite: true);
    }
}
