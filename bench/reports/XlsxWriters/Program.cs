using System.Diagnostics;
using System.Globalization;
using MiniExcelLibs;
using VolunteerStats.Reports.Exports;

// Writes ROWS rows of the indicators sheet's shape (4 text, 16 numeric columns) with each writer, three times,
// and prints the best wall time and the file size. Usage: dotnet run -c Release -- [ROWS]
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var header = Enumerable.Range(0, 20).Select(i => $"c{i}").ToArray();
IReadOnlyList<XCell> Row(int r) =>
[
    $"3301{r:00000000}", $"社区{r}", "community", "330102001",
    .. Enumerable.Range(0, 16).Select(c => new XCell(c % 4 == 0 ? CellKind.Rate : CellKind.Decimal, (r * 0.001 + c).ToString("0.000000", CultureInfo.InvariantCulture))),
];

double Time(Action write)
{
    var best = double.MaxValue;
    for (var i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        write();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    return best;
}

var openXml = Path.GetTempFileName();
var t1 = Time(() =>
{
    using var stream = File.Create(openXml);
    using var book = new XlsxBook(stream);
    book.AddSheet("s", header, Enumerable.Range(0, rows).Select(Row), Enumerable.Repeat(12.0, 20).ToArray());
});
var mini = Path.GetTempFileName() + ".xlsx";
var t2 = Time(() =>
{
    var data = Enumerable.Range(0, rows).Select(r =>
    {
        var d = new Dictionary<string, object?>();
        var cells = Row(r);
        for (var c = 0; c < 20; c++)
            d[header[c]] = cells[c].Kind == CellKind.Text ? cells[c].Value : double.Parse(cells[c].Value!, CultureInfo.InvariantCulture);
        return d;
    });
    File.Delete(mini);
    MiniExcel.SaveAs(mini, data);
});
Console.WriteLine($"| {rows:N0} rows × 20 columns | OpenXML SDK (XlsxBook, DOM) {t1:0.00} s, {new FileInfo(openXml).Length / 1024} KiB | MiniExcel 1.46 {t2:0.00} s, {new FileInfo(mini).Length / 1024} KiB |");
