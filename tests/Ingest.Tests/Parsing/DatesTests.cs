using System.Globalization;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Tests.Parsing;

/// <summary>Dates (src/Ingest/Parsing/Dates.cs): the date forms of CONTRACT §3.</summary>
public class DatesTests
{
    [Theory]
    [InlineData("2024-03-05")]
    [InlineData("2024/3/5")]
    [InlineData("2024.03.05")]
    [InlineData("20240305")]
    [InlineData("2024年3月5日")]
    [InlineData("2024-03-05 14:22:10")]
    [InlineData(" 2024/03/05 08:00 ")]
    [InlineData("2024-03-05T14:22:10")]
    public void TryParse_ReadsMarch5_WhenAnyContractForm(string text)
    {
        Assert.True(Dates.TryParse(text, null, out var d));
        Assert.Equal(new DateOnly(2024, 3, 5), d);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("yesterday")]
    [InlineData("2024-03")]
    [InlineData("45356")]
    [InlineData("2024-03-05 noon")]
    [InlineData("2024-03/05")]
    public void TryParse_Fails_WhenNotADate(string text) => Assert.False(Dates.TryParse(text, null, out _));

    [Fact]
    public void TryParse_TakesDatePart_WhenExcelDateCell() =>
        Assert.True(Dates.TryParse("", new DateTime(2024, 3, 5, 23, 59, 0), out var d) && d == new DateOnly(2024, 3, 5));

    [Theory]
    [InlineData("2024-03-05 14:22", "2024-03-05")]
    [InlineData("2024-03-05 14:22:10", "2024-03-05")]
    [InlineData("2024-03-05 4:22", "2024-03-05")] // one-digit hour: the regex path
    [InlineData("2024-03-05T14:22:10.5", "2024-03-05")]
    [InlineData("2024-02-30 10:00:00", null)]
    [InlineData("2024-03-05 14:2", null)]
    [InlineData("2024-03-05 14:22:1", null)]
    public void TryParse_KeepsTheDate_WhenTheTextHasATimeOfDay(string text, string? expected)
    {
        var ok = Dates.TryParse(text, null, out var date);
        Assert.Equal(expected is not null, ok);
        if (ok) Assert.Equal(DateOnly.Parse(expected!, CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void FormatIso_WritesYearMonthDay_ForEveryYear()
    {
        var buffer = new char[10];
        foreach (var date in (DateOnly[])[new(1, 1, 1), new(999, 12, 31), new(2024, 2, 29), new(9999, 12, 31)])
            Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new string(buffer, 0, Dates.FormatIso(date, buffer)));
    }
}
