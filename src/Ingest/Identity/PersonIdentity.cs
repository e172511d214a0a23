using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VolunteerStats.Ingest.Identity;

/// <summary>Identity rules of CONTRACT §3: keyed hashes of ID numbers, masked names, ID check digits.</summary>
public static class PersonIdentity
{
    /// <summary>HMAC-SHA256 of the trimmed, upper-cased ID number, hex; null for an empty one.</summary>
    public static string? HashIdNumber(byte[] key, string idNumber) => HashIdNumber(new HmacSha256(key), idNumber);

    /// <summary>The same hash with a keyed <see cref="HmacSha256"/> (its key set once): what hot loops keep.</summary>
    public static string? HashIdNumber(HmacSha256 hmac, string idNumber)
    {
        var normalized = idNumber.Trim().ToUpperInvariant();
        if (normalized.Length == 0) return null;
        var max = Encoding.UTF8.GetMaxByteCount(normalized.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max]; // a garbage cell can be long
        var n = Encoding.UTF8.GetBytes(normalized, bytes);
        Span<byte> hash = stackalloc byte[32];
        hmac.Hash(bytes[..n], hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>First character kept; from three characters on, the last too; every other one becomes *.</summary>
    public static string? MaskName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) return null;
        var elements = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(trimmed);
        while (e.MoveNext()) elements.Add(e.GetTextElement());
        if (elements.Count == 1) return elements[0];
        var sb = new StringBuilder(elements[0]);
        var hidden = elements.Count >= 3 ? elements.Count - 2 : elements.Count - 1;
        sb.Append('*', hidden);
        if (elements.Count >= 3) sb.Append(elements[^1]);
        return sb.ToString();
    }

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// GB 11643 check digit of an 18-character resident ID number. Null when the number is not of that
    /// form at all (15-digit numbers and passports have no check digit to verify).
    /// </summary>
    public static bool? CheckDigitOk(string idNumber)
    {
        var s = idNumber.Trim().ToUpperInvariant();
        if (s.Length != 18 || !s.Take(17).All(char.IsAsciiDigit)) return null;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (s[i] - '0') * Weights[i];
        return "10X98765432"[sum % 11] == s[17];
    }
}
