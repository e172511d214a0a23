using VolunteerStats.Generation;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Commands;

/// <summary>The CSV of <c>forecast</c> and <c>anomalies</c> is read by scripts and by acceptance: columns exactly as CONTRACT §10.</summary>
public class ForecastAnomaliesCommandTests
{
    private const string ForecastHeader =
        "region_code,region_name,level,registered,registered_low,registered_high,active,active_low,active_high,total_hours,total_hours_low,total_hours_high,registration_met,active_met,hours_met,method";
    private const string AnomaliesHeader = "kind,score,organization,volunteer_id,service_date,records,hours,reason,record_ids";

    private static TestDb History(double padding)
    {
        var db = new TestDb();
        db.Clock.Now = new DateTimeOffset(2025, 6, 1, 4, 0, 0, TimeSpan.Zero); // the history ends in 2024: nothing is in the future
        var dir = Path.Combine(db.Dir, "in");
        new HistoryGenerator(new HistoryOptions(dir, 2022, 2024, 0.3, 5, padding, new DateOnly(2025, 6, 1))).Run();
        foreach (var file in Directory.GetFiles(dir, "0*.csv").Order(StringComparer.Ordinal)) db.Ingest(file);
        db.Connection.Dispose(); // the CLI opens the file itself
        return db;
    }

    [Fact]
    public void Forecast_PrintsContractColumns_ForEveryDistrict()
    {
        using var db = History(0);
        var (exit, output, error) = CliProcess.Run(db, "forecast", "--year", "2024", "--through", "2024-09", "--level", "district", "--format", "csv");
        Assert.True(exit == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(ForecastHeader, lines[0]);
        Assert.Equal(13, lines.Length - 1); // the 13 districts of the regions file, as `indicators` lists them
        foreach (var line in lines.Skip(1))
        {
            var f = CsvLine(line);
            Assert.Equal(16, f.Count);
            Assert.Equal("district", f[2]);
            for (var i = 3; i <= 11; i++) Assert.True(double.TryParse(f[i], System.Globalization.CultureInfo.InvariantCulture, out _), line);
            foreach (var (low, mid, high) in new[] { (4, 3, 5), (7, 6, 8), (10, 9, 11) })
                Assert.True(double.Parse(f[low]) <= double.Parse(f[mid]) && double.Parse(f[mid]) <= double.Parse(f[high]), line);
            for (var i = 12; i <= 14; i++) Assert.Contains(f[i], new[] { "true", "false" });
            Assert.NotEqual("", f[15]);
        }
    }

    [Fact]
    public void Anomalies_PrintsContractColumns_WithRecordIdsOfTheInjectedCases()
    {
        using var db = History(0.01);
        var (exit, output, error) = CliProcess.Run(db, "anomalies", "--year", "2024", "--through", "2024-12", "--format", "csv");
        Assert.True(exit == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(AnomaliesHeader, lines[0]);
        var rows = lines.Skip(1).Select(CsvLine).ToList();
        Assert.All(rows, f => Assert.Equal(9, f.Count));
        Assert.Contains(rows, f => f[0] == "over_24h");
        Assert.Contains(rows, f => f[0] == "before_registration");
        Assert.Contains(rows, f => f[0] == "bulk_entry");
        var scores = rows.Select(f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores); // most suspicious first
        // record_ids: one record id per record of the flag, ';'-separated.
        Assert.All(rows, f => Assert.Equal(int.Parse(f[5]), f[8].Split(';').Length));
        Assert.All(rows, f => Assert.All(f[8].Split(';'), id => Assert.StartsWith("SR2024", id)));

        // quality mentions what anomalies found (stored by it, as the server's nightly job stores it), kind by kind.
        var quality = CliProcess.Run(db, "quality", "--format", "json");
        Assert.True(quality.ExitCode == 0, quality.Error);
        using var json = System.Text.Json.JsonDocument.Parse(quality.Output);
        var suspicious = json.RootElement.GetProperty("suspicious_hours");
        Assert.Equal(2024, suspicious.GetProperty("year").GetInt32());
        Assert.True(suspicious.GetProperty("current").GetBoolean());
        foreach (var kind in suspicious.GetProperty("by_kind").EnumerateArray())
        {
            var mine = rows.Where(f => f[0] == kind.GetProperty("kind").GetString()).ToList();
            Assert.Equal(mine.Count, kind.GetProperty("flags").GetInt32());
            Assert.Equal(mine.Sum(f => long.Parse(f[5])), kind.GetProperty("records").GetInt64());
        }
    }

    /// <summary>One CSV line split into fields (RFC 4180 quoting).</summary>
    private static List<string> CsvLine(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
