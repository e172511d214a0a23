using VolunteerStats.Ingest.Reading;

namespace VolunteerStats.Tests.Reading;

/// <summary>A line split only when its cells are asked for answers every question as the split line does.</summary>
public class SourceRecordTests
{
    [Theory]
    [InlineData("")]
    [InlineData(",,,")]
    [InlineData(" ,\t, \u3000,")]
    [InlineData("合计,,12")]
    [InlineData("  ,  合计 ,x")]
    [InlineData("R1,V1,,2024-03-05,2,P1")]
    [InlineData(",V1")]
    [InlineData("a")]
    public void Unquoted_AnswersAsTheSplitLine_ForEveryQuestion(string line)
    {
        var lazy = SourceRecord.Unquoted(7, line);
        var split = new SourceRecord(7, line.Split(','), null, line, false);

        Assert.Equal(split.IsBlank, lazy.IsBlank);
        Assert.Equal(split.FirstText(), lazy.FirstText());
        Assert.Equal(split.IsTotals, lazy.IsTotals);
        Assert.Equal(split.CellCount, lazy.CellCount);
        Assert.Equal(split.Cells, lazy.Cells);
        Assert.Equal(split.IsBlank, lazy.IsBlank); // once split, too
        Assert.Equal(split.Cell(3), lazy.Cell(3));
    }
}
