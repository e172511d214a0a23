using System.Text.RegularExpressions;

namespace VolunteerStats.Ingest.Identity;

/// <summary>
/// Keeps raw ID numbers and phone numbers out of stored reject text (CONTRACT §3 wins over "raw text" in §4):
/// resident ID numbers keep their first 6 and last 4 characters, mobile numbers their first 3 and last 4, however
/// they are written (<c>110101199001011234</c>, <c>110101 19900101 1234</c>, <c>+86 138-1234-5678</c>).
/// The file and line still lead an analyst to the original row.
/// </summary>
public static partial class Redaction
{
    public static string Redact(string raw)
    {
        if (raw.Length < 11) return raw;
        var s = IdNumber().Replace(raw, m => MaskDigits(m.Value, 6, 4));
        return Mobile().Replace(s, m => m.Groups["cc"].Value + MaskDigits(m.Groups["n"].Value, 3, 4));
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
