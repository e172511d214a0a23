using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VolunteerStats.Ingest.Identity;
using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Tests.Parsing;

public class ParsingTests
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

    [Theory]
    [InlineData("330102", "330102")]
    [InlineData("330102001", "330102001")]
    [InlineData("330102000000", "330102")]
    [InlineData("330102001000", "330102001")]
    [InlineData("330102001001", "330102001001")]
    public void TryNormalize_FoldsTrailingZeros_When12Digits(string text, string expected)
    {
        Assert.True(RegionCodes.TryNormalize(text, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("33010")]
    [InlineData("3301020011")]
    [InlineData("33010A")]
    [InlineData("")]
    public void TryNormalize_Fails_WhenNot6Or9Or12Digits(string text) => Assert.False(RegionCodes.TryNormalize(text, out _));

    [Theory]
    [InlineData("330102001001", "330102001")]
    [InlineData("330102001", "330102")]
    [InlineData("330102", "330100")]
    [InlineData("330100", "330000")]
    [InlineData("330000", null)]
    public void StructuralParent_FollowsCodeStructure(string code, string? parent) => Assert.Equal(parent, RegionCodes.StructuralParent(code));

    [Theory]
    [InlineData("张三明", "张*明")]
    [InlineData("李四", "李*")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("王", "王")]
    [InlineData(" 赵六 ", "赵*")]
    public void MaskName_KeepsFirstAndLast_FromThreeCharacters(string name, string masked) => Assert.Equal(masked, PersonIdentity.MaskName(name));

    [Theory]
    [InlineData("服务时长（小时）", "hours")]
    [InlineData(" 服务时长 ", "hours")]
    [InlineData("时长(分钟)", "minutes")]
    [InlineData("服务时长（ｍｉｎｕｔｅｓ）", "minutes")]
    [InlineData("Service_Date", "service_date")]
    [InlineData("ｓｅｒｖｉｃｅ＿ｄａｔｅ", "service_date")]
    public void FieldFor_IgnoresCaseSpacesUnitsAndFullWidthForms(string header, string field) =>
        Assert.Equal(field, VolunteerStats.Ingest.Headers.FieldCatalog.FieldFor(VolunteerStats.Ingest.Headers.FileKind.ServiceRecords, header));

    [Theory]
    [InlineData("V1,11010519491231002X,x", "V1,110105********002X,x")]
    [InlineData("V1,110105 19491231 002X,x", "V1,110105 ******** 002X,x")]
    [InlineData("V1,110105-1949-1231-002x,x", "V1,110105-****-****-002x,x")]
    [InlineData("V1,110105491231002,x", "V1,110105*****1002,x")]
    [InlineData("tel 13812345678.", "tel 138****5678.")]
    [InlineData("tel +86 138-1234-5678", "tel +86 138-****-5678")]
    [InlineData("tel 8613812345678", "tel 86138****5678")]
    [InlineData("R1,V1,2024-03-05 14:22:10,2.5,20240305", "R1,V1,2024-03-05 14:22:10,2.5,20240305")]
    public void Redact_MasksIdAndMobileNumbers_HoweverGrouped(string raw, string redacted) => Assert.Equal(redacted, Redaction.Redact(raw));

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("12345", null)]
    public void CheckDigitOk_FollowsGb11643(string id, bool? ok) => Assert.Equal(ok, PersonIdentity.CheckDigitOk(id));

    [Fact]
    public void HashIdNumber_IgnoresCaseAndSpaces_AndDependsOnKey()
    {
        var key = new byte[32];
        Assert.Equal(PersonIdentity.HashIdNumber(key, "11010519491231002x "), PersonIdentity.HashIdNumber(key, "11010519491231002X"));
        Assert.NotEqual(PersonIdentity.HashIdNumber(key, "11010519491231002X"), PersonIdentity.HashIdNumber(new byte[32] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "11010519491231002X"));
    }
    [Fact]
    public void HmacSha256_EqualsThePlatformHmac_ForAnyKeyAndMessageLength()
    {
        var random = new Random(7);
        // Keys shorter than, equal to and longer than a block (hashed first); messages around every padding edge.
        foreach (var keyLength in (int[])[0, 1, 32, 63, 64, 65, 130])
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            var hmac = new HmacSha256(key);
            foreach (var length in (int[])[0, 1, 18, 55, 56, 63, 64, 65, 119, 120, 128, 200])
            {
                var message = new byte[length];
                random.NextBytes(message);
                var ours = new byte[32];
                hmac.Hash(message, ours);
                Assert.Equal(HMACSHA256.HashData(key, message), ours);
            }
        }
    }

    [Fact]
    public void HashIdNumber_IsThePlatformHmacOfTheTrimmedUpperCasedNumber()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var hmac = new HmacSha256(key);
        foreach (var id in (string[])["11010519491231002x ", "330102195001010006", "E12345678", "护照123"])
        {
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id.Trim().ToUpperInvariant())));
            Assert.Equal(expected, PersonIdentity.HashIdNumber(key, id));
            Assert.Equal(expected, PersonIdentity.HashIdNumber(hmac, id));
        }
        Assert.Null(PersonIdentity.HashIdNumber(hmac, "  "));
    }

    [Fact]
    public void Hours_PlainNumbers_GiveExactlyTheDecimalResult()
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

    [Fact]
    public void FormatIso_WritesYearMonthDay_ForEveryYear()
    {
        var buffer = new char[10];
        foreach (var date in (DateOnly[])[new(1, 1, 1), new(999, 12, 31), new(2024, 2, 29), new(9999, 12, 31)])
            Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new string(buffer, 0, Dates.FormatIso(date, buffer)));
    }
    [Theory]
    [InlineData(" 正常 ", "normal")]
    [InlineData("有效", "normal")]
    [InlineData("NORMAL", "normal")]
    [InlineData("注销", "cancelled")]
    [InlineData("已注销", "cancelled")]
    [InlineData("Canceled", "cancelled")]
    [InlineData("  ", null)]
    [InlineData("Suspended", "suspended")]
    [InlineData("暂停", "暂停")]
    public void NormalizeStatus_MapsChineseAndEnglishValues(string text, string? status) =>
        Assert.Equal(status, VolunteerStats.Ingest.Rosters.RegistrationLoader.NormalizeStatus(text));
    [Theory]
    [InlineData("2024-03-05 14:22", "2024-03-05")]
    [InlineData("2024-03-05 14:22:10", "2024-03-05")]
    [InlineData("2024-03-05 4:22", "2024-03-05")] // one-digit hour: the regex path
    [InlineData("2024-03-05T14:22:10.5", "2024-03-05")]
    [InlineData("2024-02-30 10:00:00", null)]
    [InlineData("2024-03-05 14:2", null)]
    [InlineData("2024-03-05 14:22:1", null)]
    public void Dates_WithTimeOfDay_KeepTheDate(string text, string? expected)
    {
        var ok = Dates.TryParse(text, null, out var date);
        Assert.Equal(expected is not null, ok);
        if (ok) Assert.Equal(DateOnly.Parse(expected!, CultureInfo.InvariantCulture), date);
    }
}
