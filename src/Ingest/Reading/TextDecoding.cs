using System.Text;

namespace VolunteerStats.Ingest.Reading;

/// <summary>
/// Decides how a CSV file's bytes are decoded: a BOM wins; otherwise the whole file is checked as strict
/// UTF-8, and a file that is not valid UTF-8 is read as GB18030 (a superset of GBK and GB2312), which is
/// what Chinese Excel and government systems write. The decision never depends on the file name.
/// </summary>
public static class TextDecoding
{
    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }

    public static void EnsureRegistered() => _ = Gb18030;

    public static Encoding Detect(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> bom = stackalloc byte[3];
        var n = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (n >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) return new UTF8Encoding(false);
        if (n >= 2 && bom[0] == 0xFF && bom[1] == 0xFE) return Encoding.Unicode;
        if (n >= 2 && bom[0] == 0xFE && bom[1] == 0xFF) return Encoding.BigEndianUnicode;
        stream.Position = 0;
        return IsValidUtf8(stream) ? new UTF8Encoding(false) : Gb18030;
    }

    private static bool IsValidUtf8(Stream stream)
    {
        // GetChars (unlike GetCharCount) keeps a character split across two blocks in the decoder's state.
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 20];
        var chars = new char[buffer.Length + 4];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
