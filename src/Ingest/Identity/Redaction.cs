using System.Text.RegularExpressions;
using VolunteerStats.Ingest.Headers;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Ingest.Identity;

/// <summary>
/// Keeps raw ID numbers, phone numbers and names out of stored reject text (CONTRACT §3 wins over "raw text" in §4):
/// resident ID numbers keep their first 6 and last 4 characters, mobile numbers their first 3 and last 4, however
/// they are written (<c>110101199001011234</c>, <c>110101 19900101 1234</c>, <c>+86 138-1234-5678</c>), and a
/// roster's names are masked as stored. The file and line still lead an analyst to the original row.
/// </summary>
public static partial class Redaction
{
    public static string Redact(string raw)
    {
        if (raw.Length < 11) return raw;
        var s = IdNumber().Replace(raw, m => MaskDigits(m.Value, 6, 4));
        return Mobile().Replace(s, m => m.Groups["cc"].Value + MaskDigits(m.Groups["n"].Value, 3, 4));
    }

    /// <summary>
    /// The raw text of a rejected row with ID and phone numbers redacted and, in a roster, the person's name masked
    /// (a regions file's name is a place's, and stays). In a row of the wrong shape the name may sit one cell off (a
    /// comma missing or added before it) or the row may not split at all: there the name column's cell and its two
    /// neighbours, split naively, are masked when they look like a name.
    /// </summary>
    public static string RejectText(SourceRecord record, HeaderMatch header)
    {
        var raw = Redact(record.Raw);
        var nameColumn = header.Column("name");
        if (header.Kind != FileKind.Registrations || nameColumn < 0) return raw;
        if (!record.Malformed && record.Cells.Length == header.Header.Cells.Length)
            return MaskName(raw, record.Cell(nameColumn));
        var cells = record.Malformed ? record.Raw.Split(record.Values is null ? ',' : '\t') : record.Cells;
        for (var i = Math.Max(0, nameColumn - 1); i <= nameColumn + 1 && i < cells.Length; i++)
            if (LooksLikeName(cells[i])) raw = MaskName(raw, cells[i]);
        return raw;
    }

    private static string MaskName(string raw, string cell) =>
        cell.Trim().Trim('"').Trim() is { Length: > 1 } name && PersonIdentity.MaskName(name) is { } masked
            ? raw.Replace(name, masked, StringComparison.Ordinal)
            : raw;

    /// <summary>
    /// Two to eight characters, all Han (extension A and beyond the BMP included; the latter take two each) or a middle
    /// dot as in transliterated names: how a Chinese name looks.
    /// </summary>
    private static bool LooksLikeName(string cell)
    {
        var s = cell.Trim().Trim('"').Trim();
        return s.Length is >= 2 and <= 8 && s.All(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '·' or '•' || char.IsSurrogate(c));
    }

    /// <summary>Replaces the digits (and a check character X) of <paramref name="value"/> with <c>*</c>, except the first and last ones; separators stay.</summary>
    private static string MaskDigits(string value, int keepFirst, int keepLast)
    {
        var total = value.Count(IsDigitLike);
        var chars = value.ToCharArray();
        for (int i = 0, n = 0; i < chars.Length; i++)
        {
            if (!IsDigitLike(chars[i])) continue;
            if (n >= keepFirst && n < total - keepLast) chars[i] = '*';
            n++;
        }
        return new string(chars);
    }

    private static bool IsDigitLike(char c) => char.IsAsciiDigit(c) || c is 'X' or 'x';

    // 18 characters (the last may be X) or 15 digits, optionally grouped by single spaces or hyphens.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9](?:[ -]?[0-9]){16}[ -]?[0-9Xx]|[0-9](?:[ -]?[0-9]){14})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    // A mainland mobile number, with or without +86 / 86, optionally grouped 3-4-4 by spaces or hyphens.
    [GeneratedRegex(@"(?<![0-9])(?<cc>(?:\+?86[- ]?)?)(?<n>1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9])")]
    private static partial Regex Mobile();
}
