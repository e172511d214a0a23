using System.Globalization;
using System.Numerics;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Pages.Shared;

/// <summary>
/// Numbers and dates as people read them on a page, formatted on the server (never by the browser's locale data).
/// zh: 9,999 · 1万 · 28.7万 · 1亿 · 13.3 % · 2024年10月; en: 9,999 · 10,000 · 287,000 · 1.2M · 13.3 % · Oct 2024.
/// Rounding is half away from zero, on exact values, with one rule on top: a value short of its target is never
/// shown as reaching it (0.1299995 against 13 % reads 12.99 %, not 13.0 %).
/// </summary>
public sealed class DisplayFormat(Lang lang)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public Lang Lang => lang;

    /// <summary>A count of people (or any whole quantity): 9,999 · 1万 · 28.7万 · 1亿 · 1.35亿.</summary>
    public string Count(long value) => Count(new Fraction(value, 1));

    public string Count(long? value) => value is { } v ? Count(v) : "—";

    /// <summary>A quantity that may have decimals (hours), shown whole below 10,000 and in 万/亿 above.</summary>
    public string Count(Fraction value)
    {
        var sign = value.Num.Sign < 0 ? "-" : "";
        var abs = new Fraction(BigInteger.Abs(value.Num), value.Den);
        if (lang == Lang.En) return sign + English(abs);
        var whole = RoundHalfUp(abs, 0);
        if (whole < 10_000) return sign + whole.ToString("N0", Invariant);
        // Round in 万 first, then move to 亿 when the rounded figure reaches 10,000万 (99,999,999 → 1亿, not 10000万).
        var wan = Round(abs / new Fraction(10_000, 1), 1);
        if (wan.CompareTo(new Fraction(10_000, 1)) < 0) return sign + Trim(wan.Format(1)) + "万";
        var yi = Round(abs / new Fraction(100_000_000, 1), 2);
        return sign + Trim(yi.Format(2)) + "亿";
    }

    private static string English(Fraction abs)
    {
        var whole = RoundHalfUp(abs, 0);
        if (whole < 1_000_000) return whole.ToString("N0", Invariant);
        var millions = Round(abs / new Fraction(1_000_000, 1), 1);
        if (millions.CompareTo(new Fraction(1000, 1)) < 0) return Trim(millions.Format(1)) + "M";
        return Trim(Round(abs / new Fraction(1_000_000_000, 1), 2).Format(2)) + "B";
    }

    /// <summary>A whole number with thousands separators, for table columns that people compare down (8,145 beside 25,123).</summary>
    public string Whole(long? value) => value is { } v ? v.ToString("N0", Invariant) : "—";

    public string Whole(Fraction value) => (value.Num.Sign < 0 ? "-" : "") + RoundHalfUp(new Fraction(BigInteger.Abs(value.Num), value.Den), 0).ToString("N0", Invariant);

    /// <summary>A count with its unit: 28.7万人 / 287,000 people.</summary>
    public string People(long value) => lang == Lang.Zh ? Count(value) + "人" : Count(value) + (value == 1 ? " person" : " people");

    /// <summary>Hours with one decimal below 10,000 (23.4 小时), in 万 above.</summary>
    public string Hours(Fraction? value)
    {
        if (value is not { } v) return "—";
        var abs = new Fraction(BigInteger.Abs(v.Num), v.Den);
        if (RoundHalfUp(abs, 0) >= 10_000) return Count(v);
        return GroupThousands(v.Format(1));
    }

    /// <summary>A whole number of hours still needed, rounded up (0.2 h short is 1 h short).</summary>
    public string HoursUp(Fraction value)
    {
        var up = BigInteger.DivRem(value.Num, value.Den, out var rem);
        if (rem.Sign > 0) up += 1;
        return Count(new Fraction(up, 1));
    }

    /// <summary>
    /// A rate as a percentage with one decimal and a space before the sign (13.3 %). When <paramref name="met"/> is
    /// false and the rounded figure would reach <paramref name="target"/>, two decimals cut (not rounded) are shown.
    /// </summary>
    public string Percent(Fraction? value, Fraction? target = null, bool? met = null)
    {
        if (value is not { } v) return "—";
        var pct = v * new Fraction(100, 1);
        var shown = Round(pct, 1);
        if (met == false && target is { } t && shown.CompareTo(t * new Fraction(100, 1)) >= 0)
            return Truncate(pct, 2).Format(2) + " %";
        return shown.Format(1) + " %";
    }

    /// <summary>Average hours against the (pro-rated) target, with the same never-overstate rule as rates.</summary>
    public string AvgHours(Fraction? value, Fraction? target = null, bool? met = null)
    {
        if (value is not { } v) return "—";
        var shown = Round(v, 1);
        if (met == false && target is { } t && shown.CompareTo(t) >= 0) return Truncate(v, 2).Format(2);
        return shown.Format(1);
    }

    /// <summary>The pro-rated hours target with up to two decimals (20.83, 12.5, 25): the precision it is judged at.</summary>
    public string HoursTarget(Fraction target) => Trim(target.Format(2));

    /// <summary>A signed change in percentage points: +0.4 个百分点 / +0.4 pp; 0 shows as ±0.0.</summary>
    public string PointsChange(Fraction? now, Fraction? before)
    {
        if (now is not { } n || before is not { } b) return "—";
        var d = Round((n - b) * new Fraction(100, 1), 1);
        var text = d.Num.Sign switch { > 0 => "+" + d.Format(1), < 0 => d.Format(1), _ => "±0.0" };
        return text + (lang == Lang.Zh ? " 个百分点" : " pp");
    }

    /// <summary>A signed change of a decimal quantity with one decimal: +1.2 / -0.3 / ±0.0.</summary>
    public string Change(Fraction? now, Fraction? before)
    {
        if (now is not { } n || before is not { } b) return "—";
        var d = Round(n - b, 1);
        return d.Num.Sign switch { > 0 => "+" + d.Format(1), < 0 => d.Format(1), _ => "±0.0" };
    }

    /// <summary>A signed change of a count: +1,234 / +1.2万 / -56.</summary>
    public string CountChange(long now, long before)
    {
        var d = now - before;
        return d switch { > 0 => "+" + Count(d), < 0 => "-" + Count(-d), _ => "±0" };
    }

    public string Score(Fraction value) => value.Format(1);

    /// <summary>2024年10月 / Oct 2024.</summary>
    public string Month(int year, int month) => lang == Lang.Zh ? $"{year}年{month}月" : $"{EnglishMonths[month - 1]} {year}";

    /// <summary>2024年10月31日 / 31 Oct 2024.</summary>
    public string Date(DateOnly date) => lang == Lang.Zh ? $"{date.Year}年{date.Month}月{date.Day}日" : $"{date.Day} {EnglishMonths[date.Month - 1]} {date.Year}";

    /// <summary>A moment in Beijing time: 2024年11月5日 12:00 / 5 Nov 2024 12:00.</summary>
    public string DateTime(DateTime utc)
    {
        var local = utc.AddHours(8); // Asia/Shanghai has had no daylight saving since 1991
        return Date(DateOnly.FromDateTime(local)) + " " + local.ToString("HH:mm", Invariant);
    }

    private static BigInteger RoundHalfUp(Fraction v, int decimals) =>
        BigInteger.Parse(v.Format(decimals).Replace(".", ""), Invariant);

    private static Fraction Round(Fraction v, int decimals) =>
        new(RoundHalfUp(new Fraction(BigInteger.Abs(v.Num), v.Den), decimals) * v.Num.Sign, BigInteger.Pow(10, decimals));

    private static Fraction Truncate(Fraction v, int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        return new Fraction(BigInteger.Divide(v.Num * scale, v.Den), scale);
    }

    private static string Trim(string s) => s.Contains('.') ? s.TrimEnd('0').TrimEnd('.') : s;

    private static string GroupThousands(string s)
    {
        var dot = s.IndexOf('.');
        var intPart = dot < 0 ? s : s[..dot];
        var grouped = BigInteger.Parse(intPart, Invariant).ToString("N0", Invariant);
        return dot < 0 ? grouped : grouped + s[dot..];
    }
}
