using System.Globalization;
using System.Text.RegularExpressions;

namespace VolunteerStats.Ingest.Parsing;

/// <summary>
/// Service time, stored exactly as an integer count of <see cref="UnitsPerHour"/>ths of an hour so that sums and
/// the contract's comparisons (12 × total ≥ 25 × M × registered) carry no floating-point error: any decimal hours
/// with up to 6 places and any minutes with up to 4 places are represented exactly; finer values are rounded.
/// </summary>
public static partial class Hours
{
    /// <summary>3.6 × 10⁹ units per hour: 10⁶ per second.</summary>
    public const long UnitsPerHour = 3_600_000_000L;
    public const long UnitsPerMinute = UnitsPerHour / 60;
    public const long MaxUnits = 24 * UnitsPerHour;

    public static decimal ToHours(long units) => (decimal)units / UnitsPerHour;

    public static decimal ToHours(System.Numerics.BigInteger units) => (decimal)units / UnitsPerHour;

    /// <summary>Parses an hours cell (or a minutes cell when <paramref name="minutesColumn"/>) into units. False when it is no number.</summary>
    public static bool TryParse(string text, object? cellValue, bool minutesColumn, out long units)
    {
        units = 0;
        decimal hours;
        if (cellValue is double d)
        {
            if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 1e12) return false;
            var value = (decimal)d;
            hours = minutesColumn ? value / 60m : value;
            return ToUnits(hours, out units);
        }

        var trimmed = FullWidth.Fold(text).AsSpan().Trim();
        if (TryParsePlain(trimmed, minutesColumn ? UnitsPerMinute : UnitsPerHour, out units)) return true;
        var s = trimmed.ToString().ToLowerInvariant();
        if (s.Length == 0) return false;
        try
        {
            return TryParseText(s, minutesColumn, out units);
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// The common cell, <c>\d{1,6}(\.\d{1,6})?</c>, in integer arithmetic: exactly what the decimal path gives
    /// (up to 6 decimal places every value is a whole number of units), without its cost.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<char> s, long unitsPerWhole, out long units)
    {
        units = 0;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.Length is < 1 or > 6 || (dot >= 0 && fraction.Length is < 1 or > 6)) return false;
        long w = 0, f = 0;
        foreach (var c in whole)
        {
            if (!char.IsAsciiDigit(c)) return false;
            w = w * 10 + (c - '0');
        }
        var scale = unitsPerWhole;
        foreach (var c in fraction)
        {
            if (!char.IsAsciiDigit(c)) return false;
            f = f * 10 + (c - '0');
            scale /= 10;
        }
        units = w * unitsPerWhole + f * scale;
        return true;
    }

    private static bool TryParseText(string s, bool minutesColumn, out long units)
    {
        units = 0;
        decimal hours;
        Match m;
        if ((m = Plain().Match(s)).Success)
        {
            var value = Number(m.Groups["n"].Value);
            var unit = m.Groups["u"].Value;
            hours = unit.Length > 0 ? value : minutesColumn ? value / 60m : value;
        }
        else if ((m = HoursAndMinutes().Match(s)).Success)
            hours = Number(m.Groups["h"].Value) + Number(m.Groups["m"].Value) / 60m;
        else if ((m = MinutesOnly().Match(s)).Success)
            hours = Number(m.Groups["m"].Value) / 60m;
        else
            return false;
        return ToUnits(hours, out units);
    }

    private static bool ToUnits(decimal hours, out long units)
    {
        units = 0;
        if (Math.Abs(hours) > 1_000_000m) { units = hours > 0 ? long.MaxValue : long.MinValue; return true; }
        units = (long)Math.Round(hours * UnitsPerHour, MidpointRounding.AwayFromZero);
        return true;
    }

    private static decimal Number(string s) => decimal.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private const string Num = @"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)";

    [GeneratedRegex(@"^(?<n>" + Num + @")\s*(?<u>小时|个小时|h|hr|hrs|hour|hours)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    [GeneratedRegex(@"^(?<h>" + Num + @")\s*(?:小时|个小时|h|hr|hrs|hour|hours)\s*(?<m>" + Num + @")\s*(?:分钟|分|min|mins|minute|minutes)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HoursAndMinutes();

    [GeneratedRegex(@"^(?<m>" + Num + @")\s*(?:分钟|分|min|mins|minute|minutes)$", RegexOptions.CultureInvariant)]
    private static partial Regex MinutesOnly();
}
