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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Detect_ReadsUtf8_WhenATruncatedCopyEndsInsideACharacter(int keptBytesOfLast)
    {
        // A copy cut off in the middle of its last character (王 is E7 8E 8B) is still the UTF-8 export it was.
        var bytes = Encoding.UTF8.GetBytes("志愿者编号,姓名,注册时间,所属区划代码\nP1,张三,2024-01-01,110101\nP2,王");
        Assert.Equal(Encoding.UTF8.WebName, TextDecoding.Detect(Write(bytes[..^(3 - keptBytesOfLast)])).WebName);
    }

    [Fact]
    public void Detect_ReadsUtf8_WhenAFewGarbageBytesSitAmongChineseText()
    {
        var bytes = Encoding.UTF8.GetBytes("volunteer_id,registered_at,region_code,status\nQ1,2024-01-01,110101,注销\n" +
            "Q2,2024-01-01,110101,正常\nQ3,2024-01-01,110101,正常\n").ToList();
        bytes.InsertRange(60, [0xFF, 0x81]); // two bytes no UTF-8 sequence starts with, in Q1's row
        Assert.Equal(Encoding.UTF8.WebName, TextDecoding.Detect(Write([.. bytes])).WebName);
    }

    [Fact]
    public void Detect_ReadsGb18030_WhenAGb18030FileIsTruncatedOrGarbled()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => $"V{i},张三丰,2024年3月5日,3小时,社区清洁志愿服务\n"));
        var bytes = TextDecoding.Gb18030.GetBytes("志愿者编号,姓名,服务日期,服务时长,项目名称\n" + text);
        Assert.Equal(TextDecoding.Gb18030.WebName, TextDecoding.Detect(Write(bytes[..^1])).WebName);
        var garbled = bytes.ToList();
        garbled.InsertRange(100, [0xE5, 0xBC, 0xA0, 0xE4, 0xB8, 0x89]); // even a valid UTF-8 张三 among GB18030 text
        Assert.Equal(TextDecoding.Gb18030.WebName, TextDecoding.Detect(Write([.. garbled])).WebName);
    }

    [Fact]
    public void CountUtf8Sequences_FindsGb18030TextMostlyInvalid()
    {
        // The margin the rule relies on: GB18030 Chinese read as UTF-8 has several invalid sequences per valid one.
        var bytes = TextDecoding.Gb18030.GetBytes(string.Concat(Enumerable.Repeat("志愿服务时长统计表，杭州市上城区湖滨街道社区。", 50)));
        var (valid, invalid) = TextDecoding.CountUtf8Sequences(new MemoryStream(bytes));
        Assert.True(valid * TextDecoding.MinValidPerInvalid < invalid, $"valid {valid}, invalid {invalid}");
    }

    [Fact]
    public void Detect_ReadsGb18030_WhenAnInvalidSequenceStraddlesTheCheckBlocks()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', (1 << 20) - 1) + "张\n");
        bytes[1 << 20] = 0x41; // the second byte of 张, just past the boundary, is no continuation byte
        Assert.Equal(TextDecoding.Gb18030.WebName, TextDecoding.Detect(Write(bytes)).WebName);
    }
}
