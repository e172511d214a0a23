using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Tests.Reading;

public class CsvRecordReaderTests
{
    private static List<SourceRecord> Read(string text) => CsvRecordReader.Read(new StringReader(text)).ToList();

    [Fact]
    public void Read_KeepsCommasAndLineBreaks_WhenQuoted()
    {
        var records = Read("a,b,c\n1,\"x, y\",\"line1\nline2\"\n2,z,w\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["1", "x, y", "line1\nline2"], records[1].Cells);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line); // the multi-line record took lines 2 and 3
    }

    [Fact]
    public void Read_TreatsQuoteAsText_WhenInsideUnquotedField()
    {
        var r = Read("ab\"c,d\n").Single();
        Assert.False(r.Malformed);
        Assert.Equal(["ab\"c", "d"], r.Cells);
    }

    [Fact]
    public void Read_UnescapesDoubledQuotes() => Assert.Equal(["say \"hi\"", "x"], Read("\"say \"\"hi\"\"\",x").Single().Cells);

    [Fact]
    public void Read_MarksStartLineMalformedAndResumes_WhenQuoteNeverCloses()
    {
        var records = Read("h1,h2\n\"open,1\n2,3\n4,5\n");
        Assert.Equal([1L, 2, 3, 4], records.Select(r => r.Line));
        Assert.True(records[1].Malformed);
        Assert.Equal("\"open,1", records[1].Raw);
        Assert.Equal(["2", "3"], records[2].Cells);
        Assert.False(records[3].Malformed);
    }

    [Fact]
    public void Read_MarksMalformed_WhenTextFollowsClosingQuote() => Assert.True(Read("\"a\"b,c").Single().Malformed);

    [Fact]
    public void Read_HandlesCrLf() => Assert.Equal(["a", "b"], Read("x,y\r\na,b\r\n")[1].Cells);
}
