using VolunteerStats.Dashboard.Pages.Shared;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Dashboard.Tests.Pages.Shared;

/// <summary>Golden outputs of the page number formats: what a leader reads must not depend on the browser.</summary>
public sealed class DisplayFormatTests
{
    private static readonly DisplayFormat Zh = new(Lang.Zh);
    private static readonly DisplayFormat En = new(Lang.En);

    [Theory]
    [InlineData(0, "0")]
    [InlineData(9_999, "9,999")]
    [InlineData(10_000, "1万")]
    [InlineData(10_499, "1万")]
    [InlineData(10_500, "1.1万")]
    [InlineData(99_950, "10万")]
    [InlineData(99_949, "10万")]
    [InlineData(99_499, "9.9万")]
    [InlineData(287_123, "28.7万")]
    [InlineData(99_999_999, "1亿")]
    [InlineData(100_000_000, "1亿")]
    [InlineData(135_000_000, "1.35亿")]
    [InlineData(-12_345, "-1.2万")]
    public void Count_ReadsInWanAndYi_WhenChinese(long value, string expected) => Assert.Equal(expected, Zh.Count(value));

    [Theory]
    [InlineData(9_999, "9,999")]
    [InlineData(10_000, "10,000")]
    [InlineData(99_950, "99,950")]
    [InlineData(1_250_000, "1.3M")]
    [InlineData(100_000_000, "100M")]
    public void Count_ReadsInThousandsAndMillions_WhenEnglish(long value, string expected) => Assert.Equal(expected, En.Count(value));

    [Fact]
    public void People_AddsTheUnit() => Assert.Equal(("28.7万人", "287,123 people"), (Zh.People(287_123), En.People(287_123)));

    [Fact]
    public void Percent_NeverShowsARateShortOfItsTargetAsReachingIt()
    {
        var rate = new Fraction(1_299_995, 10_000_000); // 0.1299995: 13.0 % when rounded, but the target is not met
        Assert.Equal("13.0 %", Zh.Percent(rate));
        Assert.Equal("12.99 %", Zh.Percent(rate, IndicatorMath.RegistrationTarget, met: false));
        Assert.Equal("13.0 %", Zh.Percent(new Fraction(13, 100), IndicatorMath.RegistrationTarget, met: true));
    }

    [Theory]
    [InlineData(1325, 10000, "13.3 %")] // half away from zero, on the exact value
    [InlineData(1324, 10000, "13.2 %")]
    [InlineData(7, 10, "70.0 %")]
    [InlineData(1, 3, "33.3 %")]
    [InlineData(0, 1, "0.0 %")]
    public void Percent_RoundsHalfAwayFromZero_WithOneDecimal(long num, long den, string expected) =>
        Assert.Equal(expected, Zh.Percent(new Fraction(num, den)));

    [Fact]
    public void Percent_IsADash_WhenUnknown() => Assert.Equal("—", Zh.Percent(null));

    [Fact]
    public void AvgHours_NeverShowsHoursShortOfTheTargetAsReachingIt()
    {
        var december = IndicatorMath.HoursTarget(12); // 25
        Assert.Equal("24.96", Zh.AvgHours(new Fraction(2496, 100), december, met: false)); // 24.96 would round to 25.0
        Assert.Equal("25.0", Zh.AvgHours(new Fraction(2500, 100), december, met: true));
        Assert.Equal("20.8", Zh.AvgHours(new Fraction(20829, 1000), IndicatorMath.HoursTarget(10), met: false));
        Assert.Equal(("20.83", "25"), (Zh.HoursTarget(IndicatorMath.HoursTarget(10)), Zh.HoursTarget(december)));
    }

    [Theory]
    [InlineData(1, 5, "1")]      // 0.2 h short is 1 h short
    [InlineData(12_345, 1, "1.2万")]
    [InlineData(0, 1, "0")]
    public void HoursUp_RoundsUp(long num, long den, string expected) => Assert.Equal(expected, Zh.HoursUp(new Fraction(num, den)));

    [Fact]
    public void MonthAndDate_AreChineseOrEnglish()
    {
        Assert.Equal("2024年10月", Zh.Month(2024, 10));
        Assert.Equal("Oct 2024", En.Month(2024, 10));
        Assert.Equal("2024年10月31日", Zh.Date(new DateOnly(2024, 10, 31)));
        Assert.Equal("2024年11月5日 12:00", Zh.DateTime(new DateTime(2024, 11, 5, 4, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Changes_AreSigned()
    {
        Assert.Equal("+0.4 个百分点", Zh.PointsChange(new Fraction(134, 1000), new Fraction(130, 1000)));
        Assert.Equal("-1.0 pp", En.PointsChange(new Fraction(60, 100), new Fraction(61, 100)));
        Assert.Equal("±0.0", Zh.Change(new Fraction(5, 1), new Fraction(5, 1)));
        Assert.Equal("+1.2万", Zh.CountChange(22_000, 10_000));
    }
}
