using System.Globalization;
using ExcelDataReader;

namespace VolunteerStats.Ingest.Reading;

/// <summary>
/// Reads every sheet of an XLSX workbook, in order, with ExcelDataReader (MIT). Date-formatted cells arrive as
/// <see cref="DateTime"/>, numbers as <see cref="double"/>; each record names its sheet, its line is the sheet's
/// row number and its raw text is the cells as text joined by tabs. Which sheets hold data is decided by their
/// headers (<see cref="Headers.HeaderedRecords"/>), not here.
/// </summary>
public static class XlsxRecordReader
{
    public static IEnumerable<SourceRecord> Read(string path)
    {
        TextDecoding.EnsureRegistered();
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        do
        {
            var sheet = reader.Name ?? "";
            long row = 0;
            while (reader.Read())
            {
                row++;
                var count = reader.FieldCount;
                var values = new object?[count];
                var cells = new string[count];
                for (var i = 0; i < count; i++)
                {
                    var value = reader.GetValue(i);
                    values[i] = value;
                    cells[i] = CellText(value);
                }
                var last = Array.FindLastIndex(cells, c => c.Length > 0);
                yield return new SourceRecord(row, cells, values, string.Join('\t', cells.Take(last + 1)), false) { Sheet = sheet };
            }
        }
        while (reader.NextResult());
    }

    public static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x when x == Math.Floor(x) && Math.Abs(x) < 1e15 => ((long)x).ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
