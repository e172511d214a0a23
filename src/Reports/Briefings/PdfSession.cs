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

    public void Dispose()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
        try { process.WaitForExit(5000); } catch (InvalidOperationException) { }
        process.Dispose();
        DeleteProfile(profile);
    }

    internal static void DeleteProfile(string profile)
    {
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
