using System.Diagnostics;

namespace VolunteerStats.Reports.Briefings;

/// <summary>A LibreOffice started ahead of its document (<see cref="PdfConverter.StartSession"/>); disposing stops it and removes its profile.</summary>
public sealed class PdfSession(string profile, Process process) : IDisposable
{
    public string Profile => profile;

    public bool Running
    {
        get
        {
            try { return !process.HasExited; }
            catch (InvalidOperationException) { return false; }
        }
    }

    /// <summary>
    /// Stops LibreOffice: SIGTERM to <c>timeout</c>, which passes it on and waits for LibreOffice to end (so that its CPU
    /// time is counted as this process's children's, as a conversion's is); killed when it is not gone within 5 s.
    /// </summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                Terminate(process.Id);
                if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
        try { process.WaitForExit(5000); } catch (InvalidOperationException) { }
        process.Dispose();
        // Stopped while still starting, LibreOffice can outlive `timeout` (its launcher ends, it does not): whatever
        // still runs on this session's profile (a folder of its own) is killed.
        foreach (var pid in ProcessesOn(profile))
        {
            try
            {
                using var left = Process.GetProcessById(pid);
                left.Kill();
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
        }
        DeleteProfile(profile);
    }

    /// <summary>Processes whose command line names <paramref name="profile"/>.</summary>
    internal static List<int> ProcessesOn(string profile)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(profile, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    private static void Terminate(int pid)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-TERM");
        info.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(info);
        kill?.WaitForExit(2000);
    }

    internal static void DeleteProfile(string profile)
    {
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
