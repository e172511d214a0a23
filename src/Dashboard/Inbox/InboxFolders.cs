using Microsoft.Extensions.Options;
using VolunteerStats.Dashboard.Hosting;

namespace VolunteerStats.Dashboard.Inbox;

/// <summary>The inbox, archive and failed folders, and the moves between them (never overwriting a file).</summary>
public sealed class InboxFolders(IOptions<ServerOptions> options, IOptions<JobOptions> jobs, TimeProvider clock)
{
    private readonly ServerOptions _options = options.Value;

    public string Inbox => _options.InboxDirectory;
    public string Archive => _options.ArchiveDirectory;
    public string Failed => _options.FailedDirectory;

    public void Create()
    {
        Directory.CreateDirectory(Inbox);
        Directory.CreateDirectory(Archive);
        Directory.CreateDirectory(Failed);
    }

    /// <summary>Files waiting in the inbox, in name order; hidden and partial files (<c>.x</c>, <c>x.part</c>, <c>x.tmp</c>, <c>x~</c>) are left alone.</summary>
    public IEnumerable<string> Waiting() =>
        Directory.EnumerateFiles(Inbox)
            .Where(p => IsCandidate(Path.GetFileName(p)))
            .Order(StringComparer.Ordinal);

    public static bool IsCandidate(string name) =>
        name.Length > 0 && !name.StartsWith('.') && !name.EndsWith('~')
        && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase);

    /// <summary>Moves a loaded file to <c>archive/YYYY-MM/</c> (month of today in the configured time zone).</summary>
    public string MoveToArchive(string path)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), jobs.Value.Zone);
        var folder = Path.Combine(Archive, local.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        return MoveUnique(path, folder);
    }

    /// <summary>Moves a file that cannot be read to <c>failed/</c>, next to <c>NAME.error.txt</c> saying why.</summary>
    public string MoveToFailed(string path, string explanation)
    {
        var target = MoveUnique(path, Failed);
        File.WriteAllText(target + ".error.txt", explanation);
        return target;
    }

    private static string MoveUnique(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        for (var n = 1; ; n++)
        {
            var target = Path.Combine(folder, n == 1 ? name + extension : $"{name} ({n}){extension}");
            if (File.Exists(target) || File.Exists(target + ".error.txt")) continue;
            try
            {
                File.Move(path, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Lost a race for this name: take the next one.
            }
        }
    }
}
