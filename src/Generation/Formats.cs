using System.Globalization;

namespace VolunteerStats.Generation;

/// <summary>The date forms of CONTRACT §1 as exporting systems write them.</summary>
public enum DateStyle { Iso, Slash, Dot, Compact, Chinese, DateTime }

/// <summary>The hours forms of CONTRACT §1: <c>2.5</c>, <c>3小时</c>, <c>2小时30分</c>, <c>150分钟</c>.</summary>
public enum HoursStyle { Decimal, Suffix, HoursMinutes, Minutes }

public static class Formats
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Date(DateTime value, DateStyle style) => style switch
    {
        DateStyle.Iso => value.ToString("yyyy-MM-dd", Inv),
        DateStyle.Slash => $"{value.Year}/{value.Month}/{value.Day}",
        DateStyle.Dot => value.ToString("yyyy.MM.dd", Inv),
        DateStyle.Compact => value.ToString("yyyyMMdd", Inv),
        DateStyle.Chinese => $"{value.Year}年{value.Month}月{value.Day}日",
        _ => value.ToString("yyyy-MM-dd HH:mm:ss", Inv),
    };

    public static string Date(DateOnly value, DateStyle style) => Date(value.ToDateTime(TimeOnly.MinValue), style == DateStyle.DateTime ? DateStyle.Iso : style);

    public static string Hours(decimal hours, HoursStyle style)
    {
        var minutes = (int)Math.Round(hours * 60m);
        return style switch
        {
            HoursStyle.Decimal => hours.ToString("0.##", Inv),
            HoursStyle.Suffix => hours.ToString("0.##", Inv) + "小时",
            HoursStyle.HoursMinutes => minutes % 60 == 0 ? $"{minutes / 60}小时" : $"{minutes / 60}小时{minutes % 60}分",
            _ => $"{minutes}分钟",
        };
    }

    /// <summary>Mostly the file's own style; now and then another one, as merged exports do.</summary>
    public static T Mostly<T>(Random random, T primary, int otherPercent) where T : struct, Enum
    {
        if (random.Next(100) >= otherPercent) return primary;
        var all = Enum.GetValues<T>();
        return all[random.Next(all.Length)];
    }
}
