using System.Text;

namespace VolunteerStats.Ingest.Reading;

/// <summary>
/// Decides how a CSV file's bytes are decoded: a BOM wins; otherwise a file that is valid UTF-8 is UTF-8, and one
/// that is not is read as GB18030 (a superset of GBK and GB2312), which is what Chinese Excel and government systems
/// write. Two kinds of damage do not turn a UTF-8 file into GB18030: a character cut off at the very end (a truncated
/// copy) is ignored, and a few invalid bytes among many valid multi-byte characters (a garbled copy) leave it UTF-8,
/// the bad bytes read as U+FFFD in their own row. GB18030 text read as UTF-8 has far more invalid sequences than valid
/// ones (one valid in three to six in the sample's GB18030 files), so the two are not confused once a file carries some Chinese. The decision never
/// depends on the file name.
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
        if (IsValidUtf8(stream)) return new UTF8Encoding(false);
        stream.Position = 0;
        var (valid, invalid) = CountUtf8Sequences(stream);
        return valid >= MinValidPerInvalid * invalid ? new UTF8Encoding(false) : Gb18030;
    }

    /// <summary>Valid multi-byte UTF-8 characters a damaged UTF-8 file must have per invalid sequence.</summary>
    public const int MinValidPerInvalid = 2;

    /// <summary>Strict UTF-8 (vectorized), but for a character cut off at the very end.</summary>
    private static bool IsValidUtf8(Stream stream) => ForEachBlock(stream, 1 << 20, System.Text.Unicode.Utf8.IsValid);

    /// <summary>
    /// Counts valid multi-byte characters and invalid sequences, for a file that is not strict UTF-8. Stops early once
    /// the file is plainly not UTF-8 (256 invalid sequences outnumbering the valid characters).
    /// </summary>
    internal static (long Valid, long Invalid) CountUtf8Sequences(Stream stream)
    {
        long valid = 0, invalid = 0;
        ForEachBlock(stream, 1 << 16, block =>
        {
            while (!block.IsEmpty)
            {
                var next = block.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                if (next < 0) break;
                block = block[next..];
                if (Rune.DecodeFromUtf8(block, out _, out var consumed) == System.Buffers.OperationStatus.Done) valid++;
                else invalid++;
                block = block[Math.Max(consumed, 1)..];
            }
            return invalid < 256 || valid >= invalid;
        });
        return (valid, invalid);
    }

    private delegate bool BlockVisitor(ReadOnlySpan<byte> block);

    /// <summary>
    /// Hands the stream to <paramref name="visit"/> in blocks of up to <paramref name="size"/> bytes that end on a
    /// character boundary (a character split across two blocks is carried into the next), while it returns true. A
    /// sequence still open at the end of the file, a truncated character, is not handed on. False when a visit was.
    /// </summary>
    private static bool ForEachBlock(Stream stream, int size, BlockVisitor visit)
    {
        var buffer = new byte[size];
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var filled = carry + read;
            var end = CompleteEnd(buffer.AsSpan(0, filled));
            if (!visit(buffer.AsSpan(0, end))) return false;
            carry = filled - end;
            buffer.AsSpan(end, carry).CopyTo(buffer);
        }
        return true;
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
