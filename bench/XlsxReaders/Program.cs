using System.Diagnostics;
using MiniExcelLibs;
using VolunteerStats.Ingest.Reading;
// Which XLSX reader: ExcelDataReader (what src/Ingest uses) against MiniExcel on the same 200k-row sheet.
var path = Path.Combine(args.Length > 0 ? args[0] : Path.GetTempPath(), "volstats-bench-hours.xlsx");
if (!File.Exists(path))
    MiniExcel.SaveAs(path, Enumerable.Range(0, 200_000).Select(i => new Dictionary<string, object?> {
        ["记录编号"] = "R" + i, ["志愿者编号"] = "V" + (i % 5000), ["服务日期"] = new DateTime(2024, 1 + i % 10, 1 + i % 28), ["服务时长（分钟）"] = 30 + i % 90, ["项目名称"] = "社区服务" + (i % 50) }));
for (var round = 0; round < 3; round++)
{
    var before = GC.GetTotalAllocatedBytes();
    var sw = Stopwatch.StartNew();
    long n = 0; foreach (var r in XlsxRecordReader.Read(path)) n++;
    Console.WriteLine($"ExcelDataReader: {n} rows {sw.Elapsed.TotalSeconds:F2}s alloc {(GC.GetTotalAllocatedBytes() - before) / 1e6:F0} MB");
    before = GC.GetTotalAllocatedBytes();
    sw.Restart(); n = 0;
    foreach (IDictionary<string, object?> r in MiniExcel.Query(path, useHeaderRow: false)) { foreach (var v in r.Values) _ = v; n++; }
    Console.WriteLine($"MiniExcel:       {n} rows {sw.Elapsed.TotalSeconds:F2}s alloc {(GC.GetTotalAllocatedBytes() - before) / 1e6:F0} MB");
}
