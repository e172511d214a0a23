using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Tests.Parsing;

/// <summary>RegionCodes (src/Ingest/Parsing/RegionCodes.cs): 6/9/12-digit codes and their structure.</summary>
public class RegionCodesTests
{
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
}
