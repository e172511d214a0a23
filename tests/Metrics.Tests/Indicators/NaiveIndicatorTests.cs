using System.Globalization;
using System.Text;
using VolunteerStats.Ingest.Parsing;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Indicators;

/// <summary>
/// A deliberately naive reading of CONTRACT §5 in plain LINQ over the generated rows, written apart from the
/// SQL, must agree with the SQL on many random datasets.
/// </summary>
public class NaiveIndicatorTests
{
    private sealed record Reg(string Vid, string? Id, DateOnly RegisteredAt, string Region, string Status, DateOnly? CancelledAt);
    private sealed record Rec(string RecordId, string? Vid, string? Id, DateOnly Date, int Minutes);

    private static readonly string[] Codes = ["330100", "330102", "330105", "330102001", "330102002", "330105001", "330102001001", "330102001002"];
    private static readonly Dictionary<string, string?> Parent = new()
    {
        ["330100"] = null, ["330102"] = "330100", ["330105"] = "330100", ["330102001"] = "330102",
        ["330102002"] = "330102", ["330105001"] = "330105", ["330102001001"] = "330102001", ["330102001002"] = "330102001",
    };
    private static readonly string[] Ids = ["11010519491231002X", "110101199003070011", "110101199003070038", "44030119800101001X"];

    [Fact]
    public void Compute_AgreesWithNaiveLinq_On200RandomDatasets()
    {
        for (var seed = 1; seed <= 200; seed++) CheckDataset(seed);
    }

    private static void CheckDataset(int seed)
    {
        var rng = new Random(seed);
        using var db = new TestDb();
        DateOnly RandomDate(DateOnly from, int days) => from.AddDays(rng.Next(days));

        // Regions (with names) and population for some regions and years.
        db.IngestText("regions.csv", "区划代码,名称,上级代码\n" + string.Join("\n", Codes.Select(c => $"{c},R{c},{Parent[c]}")) + "\n");
        var population = new Dictionary<(string, int), long>();
        foreach (var c in Codes)
            foreach (var y in new[] { 2022, 2023, 2024 })
                if (rng.Next(3) == 0) population[(c, y)] = rng.Next(0, 60);
        db.IngestText("population.csv", "区划代码,年份,常住人口\n" + string.Join("\n", population.Select(p => $"{p.Key.Item1},{p.Key.Item2},{p.Value}")) + "\n");

        // Two overlapping roster snapshots; the later replaces rows of the same volunteer_id.
        var regs = new Dictionary<string, Reg>();
        var persons = rng.Next(3, 25);
        for (var file = 0; file < 2; file++)
        {
            var sb = new StringBuilder(Samples.RosterHeader + "\n");
            for (var i = 1; i <= persons; i++)
            {
                if (file == 1 && rng.Next(3) != 0) continue;
                var id = rng.Next(3) == 0 ? Ids[rng.Next(Ids.Length)] : null;
                var reg = RandomDate(new DateOnly(2023, 6, 1), 520); // up to the fixed "today", 2024-11-05
                var status = new[] { "正常", "正常", "注销", "", "" }[rng.Next(5)];
                DateOnly? cancelled = rng.Next(2) == 0 ? RandomDate(new DateOnly(2024, 1, 1), 300) : null;
                var row = new Reg($"V{i}", id, reg, Codes[rng.Next(Codes.Length)], status, status == "正常" ? null : cancelled);
                regs[row.Vid] = row;
                sb.Append($"{row.Vid},张三,{(id is null ? "" : rng.Next(2) == 0 ? id.ToLowerInvariant() : id)},{reg:yyyy/M/d},{row.Region},{status},{cancelled:yyyy-MM-dd}\n");
            }
            db.IngestText($"roster{file}.csv", sb.ToString());
        }

        var recs = new List<Rec>();
        var hours = new StringBuilder(Samples.HoursHeader + "\n");
        for (var i = 0; i < rng.Next(0, 80); i++)
        {
            var useId = rng.Next(6) == 0;
            var rec = new Rec($"R{i}", useId ? null : $"V{rng.Next(1, persons + 4)}", useId ? Ids[rng.Next(Ids.Length)] : null,
                RandomDate(new DateOnly(2023, 10, 1), 400), rng.Next(1, 8) * 30);
            recs.Add(rec);
            hours.Append($"{rec.RecordId},{rec.Vid},{rec.Id},{rec.Date:yyyy-MM-dd},{(rec.Minutes / 60m).ToString(CultureInfo.InvariantCulture)},P\n");
        }
        db.IngestText("hours.csv", hours.ToString());

        var month = rng.Next(1, 13);
        foreach (var level in new[] { "city", "district", "street", "community" })
        {
            var sql = new IndicatorService().Compute(db.Connection, new IndicatorQuery(2024, month, level));
            var naive = Naive(regs.Values.ToList(), recs, population, level, 2024, month);
            Assert.True(naive.Count == sql.Count, $"seed {seed} {level}: region count");
            foreach (var (n, s) in naive.Zip(sql))
            {
                var where = $"seed {seed}, {level}, month {month}, {s.RegionCode}";
                Assert.True(n.Code == s.RegionCode, $"{where}: rank order {n.Code} vs {s.RegionCode}");
                Assert.True(n.Registered == s.Registered, $"{where}: registered {n.Registered} vs {s.Registered}");
                Assert.True(n.Active == s.Active, $"{where}: active {n.Active} vs {s.Active}");
                Assert.True(n.TotalHours == s.TotalHours.ToDecimal(6), $"{where}: hours {n.TotalHours} vs {s.TotalHours.ToDecimal(6)}");
                Assert.True(n.Population == s.Population, $"{where}: population");
                Assert.True(Math.Round(n.Score, 6) == s.Score.ToDecimal(6), $"{where}: score {n.Score} vs {s.Score.ToDecimal(6)}");
            }
        }
    }

    private sealed record NaiveRow(string Code, long? Population, long Registered, long Active, decimal TotalHours, decimal Score, decimal? RegRate);

    private static List<NaiveRow> Naive(List<Reg> regs, List<Rec> recs, Dictionary<(string, int), long> population, string level, int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        string PersonOf(Reg r) => r.Id is null ? "v:" + r.Vid : "h:" + r.Id.ToUpperInvariant();
        bool CancelledAt(Reg r) =>
            (r.Status == "注销" || (r.Status == "" && r.CancelledAt is not null)) && (r.CancelledAt is null || r.CancelledAt <= d);
        var people = regs.GroupBy(PersonOf).Select(g =>
        {
            var first = g.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Vid, StringComparer.Ordinal).First();
            return (Key: g.Key, Home: first.Region, Registered: first.RegisteredAt, Cancelled: g.All(CancelledAt));
        }).ToList();
        string? Owner(Rec rec)
        {
            var byVid = regs.FirstOrDefault(r => r.Vid == rec.Vid);
            if (byVid is not null) return PersonOf(byVid);
            var byId = regs.FirstOrDefault(r => r.Id is not null && rec.Id is not null && r.Id.ToUpperInvariant() == rec.Id.ToUpperInvariant());
            return byId is null ? null : PersonOf(byId);
        }
        var hoursOf = recs.Where(r => r.Date >= new DateOnly(year, 1, 1) && r.Date <= d)
            .GroupBy(Owner).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.Sum(r => r.Minutes) / 60m);
        bool Under(string code, string region)
        {
            for (string? c = code; c is not null; c = Parent.TryGetValue(c, out var p) ? p : RegionCodes.StructuralParent(c))
                if (c == region) return true;
            return false;
        }
        long? Pop(string code)
        {
            var years = population.Where(p => p.Key.Item1 == code && p.Key.Item2 <= year).OrderByDescending(p => p.Key.Item2).ToList();
            return years.Count == 0 || years[0].Value == 0 ? null : years[0].Value;
        }
        var rows = Codes.Where(c => RegionCodes.Level(c) == level).Select(code =>
        {
            var p = people.Where(x => Under(x.Home, code) && x.Registered <= d && !x.Cancelled).ToList();
            var total = p.Sum(x => hoursOf.GetValueOrDefault(x.Key));
            var active = p.Count(x => hoursOf.GetValueOrDefault(x.Key) > 0);
            var pop = Pop(code);
            decimal? regRate = pop is null ? null : (decimal)p.Count / pop.Value;
            var score = 0m;
            if (regRate is { } rr) score += Math.Min(rr / 0.13m, 1);
            if (p.Count > 0) score += Math.Min((decimal)active / p.Count / 0.7m, 1) + Math.Min(total / p.Count / (25m * month / 12m), 1);
            return new NaiveRow(code, pop, p.Count, active, total, 100m * score / 3m, regRate);
        });
        return rows.OrderByDescending(r => Math.Round(r.Score, 12)).ThenByDescending(r => r.RegRate ?? -1m).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
    }
}
