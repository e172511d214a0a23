namespace VolunteerStats.Ingest.Reading;

/// <summary>Tells CSV from XLSX by content (an XLSX is a zip), never by file name.</summary>
public static class SourceFile
{
    public static bool IsXlsx(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4
            && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }
}
