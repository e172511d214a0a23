using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VolunteerStats.Metrics.Anomalies;
using VolunteerStats.Metrics.Indicators;
using VolunteerStats.Tests.Forecasts;
using VolunteerStats.Tests.Support;

namespace VolunteerStats.Tests.Anomalies;

public class AnomalyServiceTests
{
    [Fact]
    public void Find_FlagsDayOver24Hours_AndServiceBeforeRegistration_WithEveryRecord()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        db.IngestText("roster.csv", Samples.RosterHeader + "\nV1,张三,,2024-01-05,330102,正常,\nV2,李四,,2024-06-01,330102,正常,\n");
        db.IngestText("hours.csv", Samples.HoursHeader + """

            R1,V1,,2024-03-02,10,P1
            R2,V1,,2024-03-02,9,P2
            R3,V1,,2024-03-02,6,P3
            R4,V1,,2024-03-03,20,P1
            R5,V2,,2024-05-20,3,P1
            R6,V2,,2024-05-27,2,P1
            R7,V2,,2024-06-02,2,P1
            """);
        var flags = Find(db, new AnomalyQuery(2024, 10));
        var over = Assert.Single(flags, f => f.Kind == AnomalyKinds.Over24h);
        Assert.Equal(["R1", "R2", "R3"], over.RecordIds);
        Assert.Equal(25, over.Hours, 6);
        Assert.Equal(new DateOnly(2024, 3, 2), over.ServiceDate);
        var before = Assert.Single(flags, f => f.Kind == AnomalyKinds.BeforeRegistration);
        Assert.Equal(["R5", "R6"], before.RecordIds);
        Assert.Equal("V2", before.VolunteerId);
        Assert.True(flags.SequenceEqual(flags.OrderByDescending(f => f.Score)));
        // --region: V1 and V2 live in 上城区, nobody in 拱墅区.
        Assert.Empty(Find(db, new AnomalyQuery(2024, 10, "330105")));
        Assert.Equal(2, Find(db, new AnomalyQuery(2024, 10, "330102")).Count);
    }

    [Fact]
    public void Find_FlagsBulkEntry_ButNotAnOrganizationsMonthlyGroupEvents()
    {
        using var db = new TestDb();
        db.IngestText("regions.csv", Samples.Regions);
        var roster = new StringBuilder(Samples.RosterHeader);
        for (var v = 1; v <= 400; v++) roster.Append($"\nV{v},张三,,2022-01-05,330102,正常,");
        db.IngestText("roster.csv", roster.ToString());
        var hours = new StringBuilder(Samples.HoursHeader.Replace(",项目编号", ",项目编号,发布组织"));
        var random = new Random(4);
        var id = 0;
        void Add(int v, DateOnly d, decimal h, string org) => hours.Append($"\nR{++id},V{v},,{d:yyyy-MM-dd},{h},P1,{org}");
        // Volunteers 1–300 serve now and then for ten organizations; 301–400 never do.
        for (var day = new DateOnly(2023, 1, 1); day <= new DateOnly(2024, 12, 31); day = day.AddDays(1))
            for (var i = 0; i < 6; i++)
                Add(1 + random.Next(300), day, new[] { 1m, 1.5m, 2m, 2.5m, 3m, 4m }[random.Next(6)], $"组织{random.Next(10)}");
        // 组织0 runs a 50-volunteer event every month: the same 3 hours for everybody (genuine).
        for (var month = 1; month <= 24; month++)
        {
            var day = new DateOnly(2023, 1, 14).AddMonths(month - 1);
            foreach (var v in Enumerable.Range(1, 300).OrderBy(_ => random.Next()).Take(50)) Add(v, day, 3m, "组织0");
        }
        // 组织7 enters 8 hours for 40 people who never served, on one Tuesday.
        var padded = new List<string>();
        foreach (var v in Enumerable.Range(301, 40))
        {
            Add(v, new DateOnly(2024, 6, 11), 8m, "组织7");
            padded.Add($"R{id}");
        }
        db.IngestText("hours.csv", hours.ToString());

        var flags = Find(db, new AnomalyQuery(2024, 12));
        var bulk = Assert.Single(flags, f => f.Kind == AnomalyKinds.BulkEntry);
        Assert.Equal("组织7", bulk.Organization);
        Assert.Equal(padded.Order(StringComparer.Ordinal), bulk.RecordIds);
        Assert.Equal(320, bulk.Hours, 6);
        Assert.DoesNotContain(flags, f => f.Organization == "组织0");
    }

    [Fact]
    public void Find_CatchesInjectedPadding_AndAlmostNothingOnCleanData()
    {
        // Thresholds of docs/anomalies.md: rules 100 %; bulk entries ≥ 0.9 precision at ≥ 0.8 recall; ≤ 1 % of clean organization-days.
        using var padded = new TestDb();
        var labels = GeneratedHistory.Load(padded, 2023, 2024, 0.5, 9, padding: 0.02).Where(l => l.Year == 2024).ToList();
        var flags = Find(padded, new AnomalyQuery(2024, 12));
        var byRecord = labels.ToDictionary(l => l.RecordId);
        foreach (var kind in new[] { AnomalyKinds.Over24h, AnomalyKinds.BeforeRegistration, AnomalyKinds.BulkEntry })
        {
            var ofKind = flags.Where(f => f.Kind == kind).ToList();
            var events = labels.Where(l => l.Kind == kind).Select(l => l.Event).ToHashSet();
            var caught = ofKind.SelectMany(f => f.RecordIds).Where(r => byRecord.TryGetValue(r, out var l) && l.Kind == kind).Select(r => byRecord[r].Event).ToHashSet();
            var right = ofKind.Count(f => f.RecordIds.Any(r => byRecord.TryGetValue(r, out var l) && l.Kind == kind));
            Assert.True(events.Count > 0, kind);
            var (minPrecision, minRecall) = kind == AnomalyKinds.BulkEntry ? (0.9, 0.8) : (1.0, 1.0);
            Assert.True(right >= minPrecision * ofKind.Count, $"{kind}: {right} of {ofKind.Count} flags right");
            Assert.True(caught.Count >= minRecall * events.Count, $"{kind}: {caught.Count} of {events.Count} events caught");
        }

        using var clean = new TestDb();
        GeneratedHistory.Load(clean, 2023, 2024, 0.5, 10);
        var cleanFlags = Find(clean, new AnomalyQuery(2024, 12));
        Assert.DoesNotContain(cleanFlags, f => f.Kind is AnomalyKinds.Over24h or AnomalyKinds.BeforeRegistration);
        var days = AnomalyService.OrganizationDays(clean.Connection, new DateOnly(2023, 1, 1), new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)).Count(d => d.InWindow);
        Assert.True(cleanFlags.Count <= 0.01 * days, $"{cleanFlags.Count} flags on {days} clean organization-days");
    }

    [Fact]
    public void Find_ChangesNoIndicator()
    {
        using var db = new TestDb();
        GeneratedHistory.Load(db, 2024, 2024, 0.2, 12, padding: 0.02);
        var indicators = db.Host.Services.GetRequiredService<IndicatorService>();
        var before = IndicatorFormats.RenderCsv(indicators.Compute(db.Connection, new IndicatorQuery(2024, 12, "district")));
        Assert.NotEmpty(Find(db, new AnomalyQuery(2024, 12)));
        Assert.Equal(before, IndicatorFormats.RenderCsv(indicators.Compute(db.Connection, new IndicatorQuery(2024, 12, "district"))));
    }

    private static List<AnomalyFlag> Find(TestDb db, AnomalyQuery query) =>
        db.Host.Services.GetRequiredService<AnomalyService>().Find(db.Connection, query);
}
