using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolunteerStats.Reports.Briefings;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports.Briefings;

/// <summary>LibreOffice started ahead of the document: it converts, and it leaves nothing running or on disk.</summary>
public class PdfConverterTests
{
    private static PdfConverter Converter() => new(Options.Create(new BriefingOptions()), NullLogger<PdfConverter>.Instance);

    private static string WriteDocx(TestDb db)
    {
        ReportsData.Seed(db);
        var (content, bytes) = BriefingDocxTests.Write(db);
        var path = Path.Combine(db.Dir, content.FileStem + ".docx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Processes whose command line names <paramref name="text"/> (a session's profile).</summary>
    private static List<int> ProcessesNaming(string text) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Where(pid =>
        {
            try { return File.ReadAllText($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal); }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }).Select(int.Parse!)];

    [Fact]
    public async Task ConvertAsync_WritesThePdfWhereAsked_WhenHandedToALibreOfficeStartedAhead()
    {
        using var db = new TestDb();
        var docx = WriteDocx(db);
        var converter = Converter();
        using var session = converter.StartSession();
        Assert.NotNull(session);
        Assert.True(session.Running);
        var outDir = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(db.Dir, "out"));
        Directory.CreateDirectory(outDir);

        var pdf = await converter.ConvertAsync(docx, outDir, CancellationToken.None, session);

        Assert.Equal(Path.Combine(outDir, Path.GetFileNameWithoutExtension(docx) + ".pdf"), pdf);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf)[..4]));
    }

    [Fact]
    public void Dispose_StopsLibreOfficeAndRemovesItsProfile_WhenTheSessionEnds()
    {
        var session = Converter().StartSession();
        Assert.NotNull(session);
        var profile = session.Profile;
        Assert.True(Directory.Exists(profile));
        Assert.NotEmpty(ProcessesNaming(profile));

        session.Dispose();

        Assert.False(session.Running);
        Assert.False(Directory.Exists(profile));
        // The LibreOffice under `timeout` is stopped with it, not left running until the session's lifetime ends.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ProcessesNaming(profile).Count > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.Empty(ProcessesNaming(profile));
    }

    [Fact]
    public async Task ConvertAsync_ConvertsOnItsOwn_WhenTheSessionsLibreOfficeIsGone()
    {
        using var db = new TestDb();
        var docx = WriteDocx(db);
        var converter = Converter();
        var session = converter.StartSession();
        Assert.NotNull(session);
        session.Dispose();
        // Stopped at once, while LibreOffice was still starting: nothing is left running on its profile.
        Assert.Empty(ProcessesNaming(session.Profile));

        var pdf = await converter.ConvertAsync(docx, db.Dir, CancellationToken.None, session);

        Assert.True(new FileInfo(pdf).Length > 0);
    }
}
