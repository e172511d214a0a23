using System.Text;
using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Tests.Reading;

public class TextDecodingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("volstats-decoding-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_dir, Guid.NewGuid() + ".csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Detect_ReadsUtf8_WhenCharacterStraddlesTheCheckBlocks()
    {
        // Pad so that a 3-byte character sits across the 1 MiB boundary the check reads in blocks of.
        var head = "志愿者编号,姓名\n";
        var padding = (1 << 20) - 1 - Encoding.UTF8.GetByteCount(head); // "张" then takes bytes 2^20 - 1 … 2^20 + 1
        var bytes = Encoding.UTF8.GetBytes(head + new string('a', padding) + "张三\n");
        Assert.Equal(0xE5, bytes[(1 << 20) - 1]); // the first byte of 张 is the last byte of the first block
        Assert.Equal(Encoding.UTF8.WebName, TextDecoding.Detect(Write(bytes)).WebName);
    }

    [Fact]
    public void Detect_ReadsGb18030_WhenBytesAreNotUtf8() =>
        Assert.Equal(TextDecoding.Gb18030.WebName, TextDecoding.Detect(Write(TextDecoding.Gb18030.GetBytes("志愿者编号,姓名\nV1,张三\n"))).WebName);

    [Fact]
    public void Detect_ReadsUtf8_WhenBom() =>
        Assert.Equal(Encoding.UTF8.WebName, TextDecoding.Detect(Write([0xEF, 0xBB, 0xBF, .. TextDecoding.Gb18030.GetBytes("a,b")])).WebName);
    [Theory]
    [InlineData("é")] // 2 bytes
    [InlineData("张")] // 3 bytes
    [InlineData("😀")] // 4 bytes
    public void Detect_ReadsUtf8_WhateverByteOfACharacterEndsTheFirstBlock(string character)
    {
        var width = Encoding.UTF8.GetByteCount(character);
        for (var before = 1; before <= width; before++)
        {
            // The character starts `before` bytes ahead of the 1 MiB boundary.
            var bytes = Encoding.UTF8.GetBytes(new string('a', (1 << 20) - before) + character + "\n");
            Assert.Equal(Encoding.UTF8.WebName, TextDecoding.Detect(Write(bytes)).WebName);
        }
    }

    [Fact]
    public void Detect_ReadsGb18030_WhenTheFileEndsInsideAUtf8Sequence() =>
        Assert.Equal(TextDecoding.Gb18030.WebName, TextDecoding.Detect(Write([.. Encoding.UTF8.GetBytes("a,b\n"), 0xE5, 0xBC])).WebName);

    [Fact]
    public void Detect_ReadsGb18030_WhenAnInvalidSequenceStraddlesTheCheckBlocks()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', (1 << 20) - 1) + "张\n");
        bytes[1 << 20] = 0x41; // the second byte of 张, just past the boundary, is no continuation byte
        Assert.Equal(TextDecoding.Gb18030.WebName, TextDecoding.Detect(Write(bytes)).WebName);
    }
}
