using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace VolunteerStats.Generation;

/// <summary>
/// MiniExcel names relationships with random GUIDs and stamps zip entries with the current time; rewriting the
/// package with numbered ids and a fixed timestamp makes a workbook's bytes depend on its content only, so that
/// the same seed gives the same files.
/// </summary>
public static partial class ReproducibleXlsx
{
    private static readonly DateTimeOffset Stamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Normalize(string path)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var archive = ZipFile.OpenRead(path))
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries.Add((entry.FullName, buffer.ToArray()));
            }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Renumber(Match m) => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = $"rId{ids.Count + 1}";

        File.Delete(path);
        using var output = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, data) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var bytes = data;
            if (name.EndsWith(".rels", StringComparison.Ordinal) || name.EndsWith(".xml", StringComparison.Ordinal) && data.Length < 1 << 16)
                bytes = Encoding.UTF8.GetBytes(RelationshipId().Replace(Encoding.UTF8.GetString(data), Renumber));
            var entry = output.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = Stamp;
            using var stream = entry.Open();
            stream.Write(bytes);
        }
    }

    [GeneratedRegex("R[0-9a-f]{32}")]
    private static partial Regex RelationshipId();
}
