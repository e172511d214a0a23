using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Tests.Output;

/// <summary>The CSV text of CONTRACT §6, byte for byte: what the acceptance compares.</summary>
public class CsvTests
{
    private static string Write(string[] header, params string?[][] rows)
    {
        var text = new StringWriter();
        Csv.Write(text, header, rows);
        return text.ToString();
    }

    [Fact]
    public void Write_QuotesOnlyFieldsWithCommaQuoteOrLineBreak_WhenFieldsAreText()
    {
        var csv = Write(["region", "name", "rate"],
            ["330102", "上城区", "0.125000"],
            ["330105", "拱墅区,北", "12.50"],
            ["3301", "say \"hi\"", "-1"],
            ["x", "a\nb", "c\r\nd"],
            [" lead", "tab\there", "=SUM(A1)"]);
        Assert.Equal(
            "region,name,rate\n" +
            "330102,上城区,0.125000\n" +
            "330105,\"拱墅区,北\",12.50\n" +
            "3301,\"say \"\"hi\"\"\",-1\n" +
            "x,\"a\nb\",\"c\r\nd\"\n" +
            " lead,tab\there,=SUM(A1)\n", csv);
    }

    [Fact]
    public void Write_WritesEmptyFields_WhenValuesAreNullOrEmpty()
    {
        Assert.Equal("a,b,c\n,,x\n", Write(["a", "b", "c"], [null, "", "x"]));
    }

    [Fact]
    public void Write_WritesTheHeaderOnly_WhenThereAreNoRows()
    {
        Assert.Equal("a,b\n", Write(["a", "b"]));
    }

    [Fact]
    public void Line_IsOneRecordWithoutItsLineEnding()
    {
        Assert.Equal("a,\"b,c\",", Csv.Line(["a", "b,c", null]));
    }
}
