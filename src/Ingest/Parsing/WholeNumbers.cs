using System.Globalization;

namespace VolunteerStats.Ingest.Parsing;

/// <summary>Whole numbers ≥ 0 (population, year): digits only, or an Excel number cell with no fraction.</summary>
public static class WholeNumbers
{
    public static bool TryParse(string text, object? cellValue, out long value)
    {
        value = 0;
        if (cellValue is double d)
        {
            if (d < 0 || d != Math.Floor(d) || d > long.MaxValue / 2) return false;
            value = (long)d;
            return true;
        }
        var s = FullWidth.Fold(text).Trim();
        return s.Length > 0 && s.All(char.IsAsciiDigit)
            && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
