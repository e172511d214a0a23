using DocumentFormat.OpenXml.Packaging;
using VolunteerStats.Tests.Reports.Exports;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Reports.CommandLine;

/// <summary>The verbs as acceptance calls them: the real <c>volstats</c> in a child process, the files opened and compared with <c>indicators</c>.</summary>
public class ReportVerbsTests
{
    [Fact]
    public void Export_FirstSheetEqualsIndicatorsCsv_ForTheSameArguments()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        db.Connection.Dispose(); // the child process needs the file
        var xlsx = Path.Combine(db.Dir, "out", "indicators.xlsx");
        string[] query = ["--year", "2024", "--through", "2024-09", "--level", "district", "--parent", "330100"];
        var export = CliProcess.Run(db, ["export", .. query, "--out", xlsx]);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(xlsx + "\n", export.Output);
        var csv = CliProcess.Run(db, ["indicators", .. query, "--format", "csv"]).Output.TrimEnd('\n').Split('\n')
            .Select(l => VolunteerStats.Metrics.Output.Csv.Line(l.Split(',')) == l ? l.Split(',') : throw new InvalidOperationException("quoted CSV in test data")).ToList();
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var cells = WorkbookExporterTests.Read(doc)[0].Cells;
        for (var r = 0; r < csv.Count; r++)
            for (var c = 0; c < csv[r].Length; c++)
            {
                var reference = VolunteerStats.Reports.Exports.XlsxBook.Column(c) + (r + 1);
                var value = cells.TryGetValue(reference, out var cell) ? cell.Value : "";
                var expected = csv[r][c] switch { "true" => "1", "false" => "0", var v => v };
                if (decimal.TryParse(expected, System.Globalization.CultureInfo.InvariantCulture, out var number) && c > 3)
                    Assert.Equal(number, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                else Assert.Equal(expected, value);
            }
    }

    [Fact]
    public void BriefingAndChart_WriteTheirFiles_AndListThePaths()
    {
        using var db = new TestDb();
        ReportsData.Seed(db);
        db.Connection.Dispose();
        var dir = Path.Combine(db.Dir, "b");
        var briefing = CliProcess.Run(db, "briefing", "--month", "2024-10", "--out", dir);
        Assert.True(briefing.ExitCode == 0, briefing.Error);
        var paths = briefing.Output.TrimEnd('\n').Split('\n');
        Assert.Equal([".docx", ".html", ".pdf"], paths.Select(Path.GetExtension));
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 10_000, p));

        foreach (var (kind, file) in new[] { ("ranking", "r.png"), ("trend", "t.svg"), ("coverage", "c.png") })
        {
            var path = Path.Combine(db.Dir, file);
            var chart = CliProcess.Run(db, "chart", kind, "--year", "2024", "--through", "2024-10", "--region", "330100", "--out", path);
            Assert.True(chart.ExitCode == 0, chart.Error);
            Assert.Equal(path + "\n", chart.Output);
            Assert.True(new FileInfo(path).Length > 5_000);
        }
        var unknown = CliProcess.Run(db, "chart", "ranking", "--year", "2024", "--parent", "999999", "--out", Path.Combine(db.Dir, "x.png"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("999999", unknown.Error);
    }
}
