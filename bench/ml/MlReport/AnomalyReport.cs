using System.Diagnostics;
using System.Globalization;
using System.Text;
using VolunteerStats.Generation;
using VolunteerStats.Ingest.Storage;
using VolunteerStats.Metrics.Anomalies;

/// <summary>docs/anomalies.md: precision and recall per padding kind at two injection rates, the clean false-flag rate, the time.</summary>
static class AnomalyReport
{
    public static void Write(string path, string work, double scale, int seed, double benchScale)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Suspicious hours: how well `anomalies` finds them");
        sb.AppendLine();
        sb.AppendLine($"Written by `bench/ml/report.sh anomalies` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; every number below is measured in that run.");
        sb.AppendLine($"Data: `./volstats generate --years 2023-2024 --scale {scale.ToString(inv)} --seed {seed} --padding P` (杭州市; genuine monthly group " +
            "events of organizations that run them, same hours for everybody; the padding labelled in `labels.csv`), loaded with the real ingest; " +
            "`anomalies --year Y --through Y-12` for 2023 and 2024.");
        sb.AppendLine();
        sb.AppendLine("## What is flagged, and the thresholds");
        sb.AppendLine();
        sb.AppendLine("- **over_24h** (rule): one person's records on one day add up to more than 24 hours. The flag lists every record of that person-day.");
        sb.AppendLine("- **before_registration** (rule): records dated before the person's (earliest) registration; one flag per person, every such record.");
        sb.AppendLine($"- **bulk_entry**: an organization-day where at least {AnomalyService.MinGroup} records carry identical hours, scored " +
            "0.35 × share of that group serving on no other day of the year + 0.15 × share registered in the 30 days before + " +
            "0.30 × 1/(1 + the organization's other group events of at least half the size, for people who do serve otherwise) + 0.20 × model percentile; " +
            $"flagged from {AnomalyService.BulkThreshold.ToString(inv)}. The flag lists the records of the identical-hours group.");
        sb.AppendLine($"- **burst**: an organization-day with at least {AnomalyService.BurstMinRecords} records and {AnomalyService.BurstMinRatio.ToString(inv)}× " +
            "its median of the year before, scored 0.45 × share serving on no other day + 0.15 × share registered just before + 0.20 × how far above usual " +
            $"(log scale, 20× = 1) + 0.20 × model percentile; flagged from {AnomalyService.BurstThreshold.ToString(inv)}. The flag lists every record of the day.");
        sb.AppendLine("- **Model percentile**: ML.NET randomized PCA (rank 4) and k-means (8 clusters) on the standardised features of every organization-day of the " +
            "year and the year before (records, volunteers, hours, identical-hours share, shares serving on no other day and registered recently, " +
            "volume against the organization's own trailing median, its group events, weekend); the larger of the two percentiles (PCA's score is the share of a " +
            "vector outside the principal subspace, so it misses days that are unusual only in size; the k-means distance catches those).");
        sb.AppendLine("- A genuine group event (50 volunteers, the same 3 hours, an organization that runs one every month) is not flagged: its volunteers " +
            "serve on other days and the organization's other events make it regular.");
        sb.AppendLine();
        sb.AppendLine("Precision: flags of a kind holding a record injected as that kind. Recall: injected events (one padding act: a bulk entry, a burst, " +
            "a person-day, a person's early records) with a record in a flag of their kind. Records: the same, counted in records (bulk and burst).");
        sb.AppendLine();
        sb.AppendLine("| padding | kind | events | flags | precision | recall | record precision | record recall |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var timings = new List<string>();
        foreach (var rate in new[] { 0.005, 0.02 })
        {
            using var ws = new Workspace(work, $"anomalies-{rate.ToString(inv)}", new HistoryOptions("", 2023, 2024, scale, seed, rate, new DateOnly(2025, 6, 1)));
            var service = ws.Get<AnomalyService>();
            var flags = new List<AnomalyFlag>();
            foreach (var year in new[] { 2023, 2024 })
            {
                var watch = Stopwatch.StartNew();
                flags.AddRange(service.Find(ws.Connection, new AnomalyQuery(year, 12)));
                timings.Add($"{year} at {(100 * rate).ToString(inv)} %: {watch.Elapsed.TotalSeconds:F1} s (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
            }
            var labels = ws.Labels.ToDictionary(l => l.RecordId);
            foreach (var kind in AnomalyKinds.All)
            {
                var ofKind = flags.Where(f => f.Kind == kind).ToList();
                var events = ws.Labels.Where(l => l.Kind == kind).Select(l => l.Event).ToHashSet();
                var good = ofKind.Count(f => f.RecordIds.Any(id => labels.TryGetValue(id, out var l) && l.Kind == kind));
                var caught = ofKind.SelectMany(f => f.RecordIds).Where(id => labels.TryGetValue(id, out var l) && l.Kind == kind)
                    .Select(id => labels[id].Event).ToHashSet();
                var flaggedRecords = ofKind.SelectMany(f => f.RecordIds).ToHashSet();
                var labelled = ws.Labels.Where(l => l.Kind == kind).Select(l => l.RecordId).ToHashSet();
                var recordTp = flaggedRecords.Count(labelled.Contains);
                var recordCols = kind is AnomalyKinds.BulkEntry or AnomalyKinds.Burst
                    ? $"{P(recordTp, flaggedRecords.Count)} | {P(recordTp, labelled.Count)}"
                    : "— | —";
                sb.AppendLine($"| {(100 * rate).ToString(inv)} % | {kind} | {events.Count} | {ofKind.Count} | {P(good, ofKind.Count)} | {P(caught.Count, events.Count)} | {recordCols} |");
            }
        }
        sb.AppendLine();

        // Clean data: how many organization-days would an office be asked to check for nothing?
        using (var clean = new Workspace(work, "anomalies-clean", new HistoryOptions("", 2023, 2024, scale, seed + 1, 0, new DateOnly(2025, 6, 1))))
        {
            var service = clean.Get<AnomalyService>();
            long days = 0, ml = 0, rules = 0;
            foreach (var year in new[] { 2023, 2024 })
            {
                var flags = service.Find(clean.Connection, new AnomalyQuery(year, 12));
                ml += flags.Count(f => f.Kind is AnomalyKinds.BulkEntry or AnomalyKinds.Burst);
                rules += flags.Count(f => f.Kind is AnomalyKinds.Over24h or AnomalyKinds.BeforeRegistration);
                days += AnomalyService.OrganizationDays(clean.Connection, new DateOnly(year - 1, 1, 1), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Count(d => d.InWindow);
            }
            var groupDays = clean.Connection.Query(
                "SELECT count(*) FROM (SELECT organization, service_date, hours_units FROM service_records GROUP BY ALL HAVING count(*) >= 12)")
                .Select(r => r.GetInt64(0)).Single();
            sb.AppendLine("## A clean dataset");
            sb.AppendLine();
            sb.AppendLine($"The same generator without padding (seed {seed + 1}): {days:N0} organization-days in 2023–2024, {groupDays:N0} of them with a group " +
                $"of 12 or more identical entries (genuine group events). Flagged by the model kinds: **{ml} ({P(ml, days)} of organization-days; target ≤ 1 %)**; " +
                $"by the rules: {rules}.");
            sb.AppendLine();
        }

        sb.AppendLine("## Time");
        sb.AppendLine();
        sb.AppendLine($"`AnomalyService.Find` for a year, at scale {scale.ToString(inv)}: {string.Join("; ", timings)}. " +
            "Scoring a city-year of 1.74M records (scale 105) is timed by `bench/ml/report.sh bench` (bench/README.md, \"ML: training and scoring\").");
        if (benchScale > 0)
        {
            using var big = new Workspace(work, "anomalies-bench", new HistoryOptions("", 2023, 2024, benchScale, seed, 0.005, new DateOnly(2025, 6, 1)));
            var yearRecords = big.Connection.Query("SELECT count(*) FROM service_records WHERE year(service_date) = 2024").Select(r => r.GetInt64(0)).Single();
            var watch = Stopwatch.StartNew();
            var flags = big.Get<AnomalyService>().Find(big.Connection, new AnomalyQuery(2024, 12));
            var seconds = watch.Elapsed.TotalSeconds;
            sb.AppendLine();
            sb.AppendLine($"A city-year at scale {benchScale.ToString(inv)}: {yearRecords:N0} service records in 2024 ({big.Records:N0} with 2023, which the " +
                $"trailing features read): scoring 2024 took **{seconds:F1} s** (target ≤ 30 s) and raised {flags.Count} flags. " +
                $"(Generating took {big.GenerateTime.TotalSeconds:F0} s, ingesting {big.IngestTime.TotalSeconds:F0} s.) Machine: {Environment.ProcessorCount} cores, shared.");
            Console.Error.WriteLine($"bench: {yearRecords:N0} records scored in {seconds:F1} s");
        }
        File.WriteAllText(path, sb.ToString());
        Console.Error.WriteLine($"anomalies report: {path}");
    }

    static string P(long a, long n) => n == 0 ? "—" : (100.0 * a / n).ToString("0.0", CultureInfo.InvariantCulture) + $" % ({a}/{n})";
}
