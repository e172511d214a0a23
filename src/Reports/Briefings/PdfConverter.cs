using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VolunteerStats.Reports.Briefings;

/// <summary>The PDF could not be made; the message says what to install or what failed. The .docx and .html are written.</summary>
public sealed class PdfConversionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// .docx → .pdf with LibreOffice headless: a profile folder of its own per run (so runs at once do not share one and a
/// crashed run leaves no lock behind), <c>--norestore</c>, a timeout after which the process is killed, and one retry;
/// fonts through <see cref="BriefingFonts.ConfigFile"/>. The PDF has selectable text and embeds its fonts.
/// </summary>
public sealed class PdfConverter(IOptions<BriefingOptions> options, ILogger<PdfConverter> logger)
{
    public const string InstallHint = "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai";

    /// <summary>The soffice executable, or null when LibreOffice is not installed.</summary>
    public string? FindSoffice()
    {
        var name = options.Value.Soffice;
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return File.Exists("/usr/lib/libreoffice/program/soffice") ? "/usr/lib/libreoffice/program/soffice" : null;
    }

    /// <summary>What is missing for the PDF, as one sentence naming the packages, or null when nothing is.</summary>
    public string? MissingPrerequisites()
    {
        var packages = BriefingFonts.MissingPackages();
        if (FindSoffice() is null) packages.Insert(0, "libreoffice-writer-nogui");
        return packages.Count == 0 ? null
            : $"the PDF needs {string.Join(", ", packages)}: install with `apt-get install -y {string.Join(' ', packages)}` (as root), then run again";
    }

    /// <summary>
    /// Starts LibreOffice ahead of its document (a profile folder of its own, headless, no document), so that its start
    /// (about two seconds, and the profile it writes) overlaps the work that makes the .docx; null when LibreOffice
    /// or the fonts are missing, or it cannot be started. <see cref="ConvertAsync"/> hands the document to it; dispose
    /// the session to stop it. It runs under <c>timeout</c>, so that even a killed caller leaves no LibreOffice behind
    /// for longer than <see cref="SessionLifetime"/>.
    /// </summary>
    public PdfSession? StartSession()
    {
        if (MissingPrerequisites() is not null || !File.Exists(TimeoutPath)) return null;
        var profile = Directory.CreateTempSubdirectory("volstats-lo-").FullName;
        try
        {
            var info = Start(TimeoutPath, profile);
            foreach (var a in new[] { "--kill-after=5", ((int)SessionLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), FindSoffice()! })
                info.ArgumentList.Add(a);
            foreach (var a in Arguments(profile)) info.ArgumentList.Add(a);
            var process = Process.Start(info) ?? throw new InvalidOperationException("no process");
            // Read its output so that it never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new PdfSession(profile, process);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            logger.LogDebug("LibreOffice could not be started ahead of the document ({Error}); the conversion starts its own", e.Message);
            PdfSession.DeleteProfile(profile);
            return null;
        }
    }

    /// <summary>How long a LibreOffice started ahead (<see cref="StartSession"/>) lives at most: a briefing waits up to 10 minutes for the database.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(15);

    private const string TimeoutPath = "/usr/bin/timeout";

    /// <summary>
    /// Converts <paramref name="docx"/> into <paramref name="outDir"/>; returns the PDF's path. With a running
    /// <paramref name="session"/>, the first attempt hands the document to that LibreOffice (a second soffice with the
    /// same profile passes its arguments to the running one and waits for it); the retry, or any attempt without a
    /// session, runs a LibreOffice of its own with a fresh profile.
    /// </summary>
    public async Task<string> ConvertAsync(string docx, string outDir, CancellationToken ct, PdfSession? session = null)
    {
        if (MissingPrerequisites() is { } missing) throw new PdfConversionException("no PDF: " + missing + ".");
        var soffice = FindSoffice()!;
        var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(docx) + ".pdf");
        // Absolute paths: a LibreOffice started ahead resolves them in its own working directory.
        docx = Path.GetFullPath(docx);
        outDir = Path.GetFullPath(outDir);
        Exception? last = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                if (File.Exists(pdf)) File.Delete(pdf);
                await RunOnceAsync(soffice, docx, outDir, attempt == 1 && session is { Running: true } ? session.Profile : null, ct);
                if (File.Exists(pdf) && new FileInfo(pdf).Length > 0) return pdf;
                last = new PdfConversionException($"LibreOffice finished without writing {pdf}.");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                last = e;
            }
            logger.LogWarning("PDF conversion of {Docx}, attempt {Attempt}, failed: {Error}", docx, attempt, last.Message);
        }
        throw last as PdfConversionException ?? new PdfConversionException($"LibreOffice could not convert {docx}: {last!.Message}", last);
    }

    private static string[] Arguments(string profile) =>
        ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck"];

    private static ProcessStartInfo Start(string executable, string profile)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["FONTCONFIG_FILE"] = BriefingFonts.ConfigFile;
        info.Environment["HOME"] = profile;
        return info;
    }

    /// <summary>One conversion; <paramref name="sharedProfile"/> is a running session's profile, else a fresh one is made and removed.</summary>
    private async Task RunOnceAsync(string soffice, string docx, string outDir, string? sharedProfile, CancellationToken ct)
    {
        var profile = sharedProfile ?? Directory.CreateTempSubdirectory("volstats-lo-").FullName;
        try
        {
            var info = Start(soffice, profile);
            foreach (var a in Arguments(profile).Concat(["--convert-to", "pdf:writer_pdf_Export", "--outdir", outDir, docx]))
                info.ArgumentList.Add(a);
            using var process = Process.Start(info) ?? throw new PdfConversionException($"Could not start {soffice}.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PdfTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                if (ct.IsCancellationRequested) throw;
                throw new PdfConversionException($"LibreOffice did not finish within {options.Value.PdfTimeout.TotalSeconds:0} s and was stopped.");
            }
            if (process.ExitCode != 0)
                throw new PdfConversionException($"LibreOffice exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
        finally
        {
            if (sharedProfile is null) PdfSession.DeleteProfile(profile);
        }
    }
}
