using System.Text.RegularExpressions;

namespace VolunteerStats.Ingest.Identity;

/// <summary>
/// Keeps raw ID numbers and phone numbers out of stored reject text (CONTRACT §3 wins over "raw text" in §4):
/// resident ID numbers keep their first 6 and last 4 characters, mobile numbers their first 3 and last 4.
/// The file and line still lead an analyst to the original row.
/// </summary>
public static partial class Redaction
{
    public static string Redact(string raw)
    {
        if (raw.Length < 11) return raw;
        var s = IdNumber().Replace(raw, m => m.Value[..6] + new string('*', m.Value.Length - 10) + m.Value[^4..]);
        return Mobile().Replace(s, m => m.Value[..3] + "****" + m.Value[^4..]);
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();
}
