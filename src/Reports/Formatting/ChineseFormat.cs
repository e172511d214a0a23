using System.Globalization;
using System.Text;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Reports.Formatting;

/// <summary>
/// Numbers and words the way a Chinese office writes them: <c>7,623</c>, <c>28.7万</c>, <c>13.1%</c>, <c>10月底</c>,
/// <c>全市</c>. Only formatting: every value comes in already computed (<see cref="IndicatorService"/>).
/// </summary>
public static class ChineseFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A whole number with thousands separators: <c>7,623</c>.</summary>
    public static string Count(long n) => n.ToString("N0", Invariant);

    /// <summary>A rate as a percentage with <paramref name="decimals"/> places, <c>13.1%</c>; unknown as <c>—</c>.</summary>
    public static string Percent(Fraction? rate, int decimals = 1) =>
        rate is { } r ? (r * new Fraction(100, 1)).Format(decimals) + "%" : "—";

    /// <summary>Large amounts in 万 (one decimal) from 100,000 on, else with thousands separators: <c>28.7万</c>, <c>8,520</c>.</summary>
    public static string Amount(decimal value, int decimals = 0)
    {
        if (Math.Abs(value) >= 100_000m)
            return (value / 10_000m).ToString("0.#", Invariant) + "万";
        return value.ToString("N" + decimals, Invariant);
    }

    public static string Amount(Fraction value, int decimals = 0) => Amount(value.ToDecimal(Math.Max(decimals, 2)), decimals);

    /// <summary>Hours with one decimal and thousands separators where they help: <c>12.4</c>, <c>1,204.5</c>.</summary>
    public static string Hours(Fraction hours, int decimals = 1) =>
        decimal.Parse(hours.Format(decimals), Invariant).ToString("N" + decimals, Invariant);

    /// <summary>Axis ticks: <c>28.7万</c> from 10,000 on, else plain.</summary>
    public static string Tick(double value)
    {
        if (Math.Abs(value) >= 10_000) return (value / 10_000).ToString("0.##", Invariant) + "万";
        return value.ToString("#,0.##", Invariant);
    }

    /// <summary>
    /// Text for one table cell or one line: line breaks, tabs and other control characters become a single space
    /// (an organization exported as <c>"志愿\n服务队"</c> must not break a row).
    /// </summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            var blank = char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' || char.IsWhiteSpace(c) && c != '\u3000';
            if (blank)
            {
                if (!space && sb.Length > 0) sb.Append(' ');
                space = true;
                continue;
            }
            sb.Append(c);
            space = false;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>"全市", "全区", "全县", "全省", "全街道", … from the region's name and level.</summary>
    public static string Whole(string name, string level)
    {
        foreach (var suffix in new[] { "街道", "社区", "自治州", "自治县", "自治旗", "地区", "盟", "省", "市", "区", "县", "旗", "镇", "乡", "村" })
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                return "全" + suffix switch { "自治州" => "州", "自治县" => "县", "自治旗" => "旗", _ => suffix };
        return level switch
        {
            "province" => "全省",
            "city" => "全市",
            "district" => "全区",
            "street" => "全街道",
            _ => "全社区",
        };
    }

    /// <summary>What a level's regions are called in a sentence: 各区（县、市）, 各街道（乡镇）, …</summary>
    public static string LevelNoun(string level) => level switch
    {
        "province" => "省（区、市）",
        "city" => "市（州、盟）",
        "district" => "区（县、市）",
        "street" => "街道（乡镇）",
        _ => "社区（村）",
    };

    /// <summary>The Chinese numeral for 1–10 as used in section numbers: 一、二、…</summary>
    public static string Numeral(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => n.ToString(Invariant),
    };

    /// <summary>A date as 公文 write it (GB/T 9704-2012: Arabic numerals): <c>2024年11月5日</c>.</summary>
    public static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}
