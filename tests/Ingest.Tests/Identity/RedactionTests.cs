using VolunteerStats.Ingest.Identity;

namespace VolunteerStats.Tests.Identity;

/// <summary>Redaction (src/Ingest/Identity/Redaction.cs): ID and mobile numbers masked in a reject's raw text.</summary>
public class RedactionTests
{
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
}
