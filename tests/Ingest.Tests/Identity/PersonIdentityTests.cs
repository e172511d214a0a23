using System.Security.Cryptography;
using System.Text;
using VolunteerStats.Ingest.Identity;

namespace VolunteerStats.Tests.Identity;

/// <summary>PersonIdentity (src/Ingest/Identity/PersonIdentity.cs): masked names, check digits, hashed ID numbers.</summary>
public class PersonIdentityTests
{
    [Theory]
    [InlineData("张三明", "张*明")]
    [InlineData("李四", "李*")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("王", "王")]
    [InlineData(" 赵六 ", "赵*")]
    public void MaskName_KeepsFirstAndLast_FromThreeCharacters(string name, string masked) => Assert.Equal(masked, PersonIdentity.MaskName(name));

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
}
