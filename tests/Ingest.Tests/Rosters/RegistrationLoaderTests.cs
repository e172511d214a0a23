using VolunteerStats.Ingest.Rosters;

namespace VolunteerStats.Tests.Rosters;

/// <summary>RegistrationLoader (src/Ingest/Rosters/RegistrationLoader.cs): a roster's status values.</summary>
public class RegistrationLoaderTests
{
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
        Assert.Equal(status, RegistrationLoader.NormalizeStatus(text));
}
