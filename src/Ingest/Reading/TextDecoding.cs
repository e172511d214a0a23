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
        // Vectorized validation, block by block; a character split across two blocks is carried into the next.
        var buffer = new byte[1 << 20];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var filled = carry + read;
            var end = CompleteEnd(buffer.AsSpan(0, filled));
            if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, end))) return false;
            carry = filled - end;
            buffer.AsSpan(end, carry).CopyTo(buffer);
        }
        // A sequence still open at the end of the file is invalid.
        return carry == 0 || System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, carry));
    }

    /// <summary>Where the last complete UTF-8 sequence of <paramref name="bytes"/> ends (a lead byte whose continuation bytes are all there).</summary>
    private static int CompleteEnd(ReadOnlySpan<byte> bytes)
    {
        var i = bytes.Length - 1;
        var continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80)
        {
            i--;
            continuation++;
        }
        if (i < 0 || bytes[i] < 0xC0) return bytes.Length; // ASCII, or stray continuation bytes the validator will reject
        var length = bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : 2;
        return continuation + 1 < length ? i : bytes.Length;
    }
}
