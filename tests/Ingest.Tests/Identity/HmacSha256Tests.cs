using System.Security.Cryptography;
using VolunteerStats.Ingest.Identity;

namespace VolunteerStats.Tests.Identity;

/// <summary>HmacSha256 (src/Ingest/Identity/HmacSha256.cs): the allocation-free HMAC equals the platform's.</summary>
public class HmacSha256Tests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HmacSha256_EqualsThePlatformHmac_ForAnyKeyAndMessageLength(bool managedOnly)
    {
        var random = new Random(7);
        // Keys shorter than, equal to and longer than a block (hashed first); messages around every padding edge.
        foreach (var keyLength in (int[])[0, 1, 32, 63, 64, 65, 130])
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            var hmac = new HmacSha256(key) { ManagedOnly = managedOnly };
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
    public void HmacSha256_CompressesWithOpenSsl_OnLinux()
    {
        // The ingest's speed with ID numbers depends on it (bench/StageProbe); Debian's libssl3 has SHA256_Transform.
        // (libcrypto is looked for on Linux only: elsewhere the managed compression is the one.)
        Assert.True(HmacSha256.UsesNative || !OperatingSystem.IsLinux());
    }

    [Fact]
    public void HmacSha256_EqualsThePlatformHmac_FromManyThreadsAtOnce()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var hmac = new HmacSha256(key);
        Parallel.For(0, 20_000, i =>
        {
            var message = System.Text.Encoding.UTF8.GetBytes($"33010619{i:D10}");
            var ours = new byte[32];
            hmac.Hash(message, ours);
            Assert.Equal(HMACSHA256.HashData(key, message), ours);
        });
    }
}
