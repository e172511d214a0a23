using VolunteerStats.Generation;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Forecasts;

/// <summary>A test database loaded with `generate --years` output, and the generator's padding labels.</summary>
public static class GeneratedHistory
{
    public static List<HistoryGenerator.Label> Load(TestDb db, int firstYear, int lastYear, double scale, int seed, double padding = 0)
    {
        db.Clock.Now = new DateTimeOffset(lastYear + 1, 6, 1, 4, 0, 0, TimeSpan.Zero); // nothing generated lies in the future
        var dir = Path.Combine(db.Dir, "in");
        new HistoryGenerator(new HistoryOptions(dir, firstYear, lastYear, scale, seed, padding, new DateOnly(lastYear + 1, 6, 1))).Run();
        foreach (var file in Directory.GetFiles(dir, "0*.csv").Order(StringComparer.Ordinal)) db.Ingest(file);
        var labels = Path.Combine(dir, "labels.csv");
        return !File.Exists(labels) ? [] : File.ReadLines(labels).Skip(1).Select(l => l.Split(','))
            .Select(f => new HistoryGenerator.Label(f[0], f[1], int.Parse(f[2]), int.Parse(f[3]))).ToList();
    }
}
