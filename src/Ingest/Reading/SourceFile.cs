using System.IO.Compression;
using System.Text;

namespace VolunteerStats.Ingest.Reading;

/// <summary>Tells CSV from XLSX by content (an XLSX is a zip), never by file name, and names what a file is when it is neither.</summary>
public static class SourceFile
{
    public static bool IsXlsx(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4
            && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }

    /// <summary>
    /// Why the file cannot be a CSV or XLSX export, in an analyst's words ("it is empty", "it looks like a PDF
    /// document"), or null when it may be one. Looks at the first bytes only (and, for a zip, at its entry names).
    /// </summary>
    public static string? Problem(string path)
    {
        var info = new FileInfo(path);
        if (info.Length == 0) return "the file is empty (0 bytes): there is nothing to load. Was the export cut off, or saved before it finished?";
        var head = new byte[Math.Min(4096, info.Length)];
        using (var stream = File.OpenRead(path)) stream.ReadExactly(head);
        ReadOnlySpan<byte> b = head;
        if (b.StartsWith("%PDF"u8)) return Not("a PDF document");
        if (b.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return "it looks like an old Excel workbook (.xls, Excel 97–2003), which cannot be read. Open it in Excel or WPS and save it as .xlsx or as CSV (UTF-8), then load that file.";
        if (b.StartsWith("PK\x03\x04"u8)) return ZipProblem(path);
        if (b.StartsWith("PK\x05\x06"u8)) return Not("an empty zip archive");
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return Not("a PNG image");
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Not("a JPEG image");
        if (b.StartsWith("GIF8"u8)) return Not("a GIF image");
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return Not("a gzip-compressed file; unpack it first");
        if (b.StartsWith("Rar!"u8)) return Not("a RAR archive; unpack it first");
        if (b.StartsWith("7z"u8) && b.Length > 5 && b[2] == 0xBC && b[3] == 0xAF) return Not("a 7-Zip archive; unpack it first");
        if (b.StartsWith("{\\rtf"u8)) return Not("an RTF document");
        var text = Encoding.UTF8.GetString(b.TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])).TrimStart().ToLowerInvariant();
        if (text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.Ordinal)
            || (text.StartsWith('<') && text.Contains("<table", StringComparison.Ordinal)))
            return Not("a web page (HTML); some systems export an HTML table named .xls. Open it in Excel or WPS and save it as .xlsx or CSV");
        if (text.StartsWith("<?xml", StringComparison.Ordinal))
            return Not("an XML file (perhaps an Excel 2003 XML workbook). Open it in Excel or WPS and save it as .xlsx or CSV");
        if (b.IndexOf((byte)0) >= 0 && !LooksLikeUtf16(b)) return Not("a binary file");
        if (LooksLikeUtf16(b)) return "it looks like a text file in UTF-16 (\"Unicode text\" in Excel's Save As), which is not read. Save it as \"CSV UTF-8\" or as .xlsx.";
        if (text.Trim().Length == 0 && info.Length <= head.Length) return "the file holds only blank lines: there is nothing to load.";
        return null;
    }

    private static string Not(string what) => $"it looks like {what}, not a CSV or XLSX export.";

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    private static string? ZipProblem(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Not("a Word document (.docx)");
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return Not("a PowerPoint presentation (.pptx)");
            if (names.Contains("mimetype") && names.Contains("content.xml")) return Not("an OpenDocument file (.ods/.odt); save it as .xlsx or CSV");
            return Not($"a zip archive of {names.Count} file(s){(names.Count > 0 ? $" ({string.Join(", ", names.Take(3))}{(names.Count > 3 ? ", …" : "")})" : "")}; unpack it and load the exports inside");
        }
        catch (InvalidDataException)
        {
            return "it starts like an XLSX workbook (a zip) but cannot be opened: it is probably cut off or damaged. Export it again.";
        }
    }
}
