using System.Globalization;
using System.Text.RegularExpressions;

namespace VolunteerStats.Ingest.Parsing;

/// <summary>
/// Date forms of CONTRACT §1: <c>2024-03-05</c>, <c>2024/3/5</c>, <c>2024.03.05</c>, <c>20240305</c>,
/// <c>2024年3月5日</c>, any of them followed by a time of day (dropped), or an Excel date cell.
/// </summary>
public static partial class Dates
{
    public static bool TryParse(string text, object? cellValue, out DateOnly date)
    {
        if (cellValue is DateTime dt)
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }

        date = default;
        var s = FullWidth.Fold(text).Trim();
        if (s.Length == 0) return false;
        // The common cases without a regex: 2024-03-05, and 2024-03-05 14:22 or 2024-03-05 14:22:10 (roster exports).
        if (s.Length >= 10 && s[4] == '-' && s[7] == '-' && (s.Length == 10 || IsPlainTimeOfDay(s.AsSpan(10))) && TryIso(s, out date))
            return true;
        var m = Separated().Match(s);
        if (!m.Success) m = Chinese().Match(s);
        if (!m.Success) m = Compact().Match(s);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Writes <c>yyyy-MM-dd</c> (10 characters) into <paramref name="destination"/>, without a format string.</summary>
    public static int FormatIso(DateOnly date, Span<char> destination)
    {
        int year = date.Year, month = date.Month, day = date.Day;
        destination[0] = (char)('0' + year / 1000);
        destination[1] = (char)('0' + year / 100 % 10);
        destination[2] = (char)('0' + year / 10 % 10);
        destination[3] = (char)('0' + year % 10);
        destination[4] = '-';
        destination[5] = (char)('0' + month / 10);
        destination[6] = (char)('0' + month % 10);
        destination[7] = '-';
        destination[8] = (char)('0' + day / 10);
        destination[9] = (char)('0' + day % 10);
        return 10;
    }

    /// <summary><c> HH:mm</c> or <c> HH:mm:ss</c>: a subset of what <see cref="TimeOfDay"/> accepts.</summary>
    private static bool IsPlainTimeOfDay(ReadOnlySpan<char> t) =>
        (t.Length == 6 || (t.Length == 9 && t[6] == ':' && char.IsAsciiDigit(t[7]) && char.IsAsciiDigit(t[8])))
        && t[0] == ' ' && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]) && t[3] == ':' && char.IsAsciiDigit(t[4]) && char.IsAsciiDigit(t[5]);

    private static bool TryIso(string s, out DateOnly date)
    {
        date = default;
        for (var i = 0; i < 10; i++)
            if (i is not (4 or 7) && !char.IsAsciiDigit(s[i])) return false;
        int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private const string TimeOfDay = @"(?:(?:\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?";

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?<sep>[-/.])(?<m>[0-9]{1,2})\k<sep>(?<d>[0-9]{1,2})" + TimeOfDay + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Separated();

    [GeneratedRegex(@"^(?<y>[0-9]{4})年(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})日" + TimeOfDay + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?<m>[0-9]{2})(?<d>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();
}
