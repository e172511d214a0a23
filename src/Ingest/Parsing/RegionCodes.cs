namespace VolunteerStats.Ingest.Parsing;

/// <summary>
/// GB/T 2260 and statistical division codes (CONTRACT §2): 6 digits province/city/district, 9 street, 12
/// community. A 12-digit code ending in 000000 is its 6-digit code, one ending in 000 its 9-digit code.
/// </summary>
public static class RegionCodes
{
    public static bool TryNormalize(string text, out string code)
    {
        code = FullWidth.Fold(text).Trim();
        if (code.Length is not (6 or 9 or 12) || !code.All(char.IsAsciiDigit)) return false;
        if (code.Length == 12 && code.EndsWith("000000", StringComparison.Ordinal)) code = code[..6];
        else if (code.Length == 12 && code.EndsWith("000", StringComparison.Ordinal)) code = code[..9];
        return true;
    }

    /// <summary>The parent by the code's own structure: 12 → 9 → 6 → city XXXX00 → province XX0000 → none.</summary>
    public static string? StructuralParent(string code) => code.Length switch
    {
        12 => code[..9],
        9 => code[..6],
        6 when code.EndsWith("0000", StringComparison.Ordinal) => null,
        6 when code.EndsWith("00", StringComparison.Ordinal) => code[..2] + "0000",
        6 => code[..4] + "00",
        _ => null,
    };

    /// <summary>The level a code stands for: province, city, district, street or community.</summary>
    public static string Level(string code) => code.Length switch
    {
        6 when code.EndsWith("0000", StringComparison.Ordinal) => "province",
        6 when code.EndsWith("00", StringComparison.Ordinal) => "city",
        6 => "district",
        9 => "street",
        12 => "community",
        _ => "unknown",
    };
}
