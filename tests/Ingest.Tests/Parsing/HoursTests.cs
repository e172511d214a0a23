using System.Globalization;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Tests.Parsing;

/// <summary>Hours (src/Ingest/Parsing/Hours.cs): hours and minutes text to exact units.</summary>
public class HoursTests
{
    [Theory]
    [InlineData("2.5", false, 2.5)]
    [InlineData("1.", false, 1)] // past the integer fast path: the regex path reads the same numbers
    [InlineData(".5", false, 0.5)]
    [InlineData("1234567", true, 20576.1166666667)]
    [InlineData("3小时", false, 3)]
    [InlineData("3h", false, 3)]
    [InlineData("3 hours", false, 3)]
    [InlineData("2小时30分", false, 2.5)]
    [InlineData("150分钟", false, 2.5)]
    [InlineData("90", true, 1.5)]
    [InlineData("20", true, 0.3333333333333333)]
    [InlineData("2.5小时", true, 2.5)] // a unit in the cell wins over the column's
    [InlineData("１５０分钟", false, 2.5)]
    public void TryParse_ReadsHours_WhenContractForm(string text, bool minutes, double hours)
    {
        Assert.True(Hours.TryParse(text, null, minutes, out var units));
        Assert.Equal(hours, (double)units / Hours.UnitsPerHour, 9);
    }

    [Fact]
    public void TryParse_IsExact_WhenMinutesAddUpToWholeHours()
    {
        Assert.True(Hours.TryParse("20", null, true, out var a));
        Assert.Equal(Hours.UnitsPerHour, 3 * a);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2.5.1")]
    [InlineData("1e3")]
    public void TryParse_Fails_WhenNotANumber(string text) => Assert.False(Hours.TryParse(text, null, false, out _));

    [Fact]
    public void TryParse_GivesExactlyTheDecimalResult_WhenPlainNumbers()
    {
        // The integer fast path (up to 6 + 6 digits) against the contract's arithmetic done in decimal.
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var whole = string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => (char)('0' + random.Next(10))));
            var decimals = random.Next(0, 9);
            var text = decimals == 0 ? whole : whole + "." + string.Concat(Enumerable.Range(0, decimals).Select(_ => (char)('0' + random.Next(10))));
            var minutes = random.Next(2) == 0;
            var value = decimal.Parse(text, CultureInfo.InvariantCulture);
            var expected = (long)Math.Round((minutes ? value / 60m : value) * Hours.UnitsPerHour, MidpointRounding.AwayFromZero);
            Assert.True(Hours.TryParse(text, null, minutes, out var units), text);
            Assert.Equal(expected, units);
        }
    }
}
