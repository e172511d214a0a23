using System.Diagnostics;
using System.Globalization;
using System.Text;
using VolunteerStats.Generation;
using VolunteerStats.Metrics.Forecasts;
using VolunteerStats.Metrics.Indicators;

/// <summary>docs/forecast.md: the rolling-origin backtest, met/missed calls and interval coverage, measured.</summary>
static class ForecastReport
{
    static readonly string[] Names = ["registered", "active", "total_hours"];
    static readonly string[] Levels = ["district", "street"];

    public static void Write(string path, string work, int firstYear, int lastYear, double scale, int seed)
    {
        var inv = CultureInfo.InvariantCulture;
        using var ws = new Workspace(work, "forecast", new HistoryOptions("", firstYear, lastYear, scale, seed, 0, new DateOnly(lastYear + 1, 6, 1)));
        var year = lastYear;
        const int origin = 9;
        var history = ForecastHistory.Load(ws.Connection, year, origin);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var training = Backtest.Run(history, DateTimeOffset.UtcNow, CancellationToken.None);
        var trainSeconds = watch.Elapsed.TotalSeconds;
        var trainCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var heldOut = training.HeldOutYears;

        var sb = new StringBuilder();
        sb.AppendLine("# Year-end forecasts: how well they do");
        sb.AppendLine();
        sb.AppendLine($"Written by `bench/ml/report.sh forecast` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; every number below is measured in that run.");
        sb.AppendLine($"Data: `./volstats generate --years {firstYear}-{lastYear} --scale {scale.ToString(inv)} --seed {seed}` (杭州市, 13 districts, " +
            $"{history.Regions.Count(r => r.Code.Length == 9)} streets, {ws.Records:N0} service records over {lastYear - firstYear + 1} years; seasonality and " +
            "per-district trends: steady, speeding up, stalling, year-end rush), loaded with the real ingest.");
        sb.AppendLine();
        sb.AppendLine("## How `forecast` works");
        sb.AppendLine();
        sb.AppendLine("- History: month-end registered, active and total hours of every region from `IndicatorService` (the numbers of `indicators`), " +
            "complete years before `--year` and `--year` through `--through`. Nothing dated later is read.");
        sb.AppendLine("- Baselines: **linear_pace** (registered keeps this year's monthly net growth; active and hours × 12 / t), " +
            "**last_year_shape** (× last year's December / month-t ratio), **seasonal_naive** (+ what last year added from month t to December).");
        sb.AppendLine("- Model (**fasttree**): one ML.NET FastTree regression per indicator, trained across all regions, years and origin months on " +
            "12 lagged and seasonal features (origin month, the three baselines' implied growth, this year's level and last-3-month momentum against " +
            "last year's, last year's December jump, size, active rate, hours per volunteer); it predicts log(December / now).");
        sb.AppendLine($"- Backtest: the two latest complete years before `--year` ({string.Join(" and ", heldOut)} here) are held out in turn, every origin " +
            "month Jan–Nov is forecast by each method; the model for a held-out year is trained on the other complete years before `--year`.");
        sb.AppendLine("- Choice: per indicator and origin month the baseline with the smallest mean absolute log error is the reference; the model is " +
            "used only where its error is smaller on the same forecasts (`method` names what was used). The expected value is the chosen method's " +
            "prediction times the median backtest ratio; the 80 % interval spans the 10th–90th percentile of its backtest errors at that month and level.");
        sb.AppendLine("- \"Likely met\": the expected values compared with the §5 targets at M = 12 (13 % of the population, 70 % active, 25 hours per registered volunteer).");
        sb.AppendLine();

        sb.AppendLine($"## Backtest by origin month (district level, held-out years {string.Join(", ", heldOut)})");
        sb.AppendLine();
        sb.AppendLine("MAE in the indicator's unit; WAPE = Σ|error| / Σ actual; MASE = |error| / the region's mean monthly change in the year before, averaged. " +
            "*chosen* is what `forecast` would have used, the choice made on the other held-out year only (so it is out of sample). " +
            "Bold: the best of the four methods by WAPE.");
        sb.AppendLine();
        var wins = new int[ForecastMethods.All.Length];
        for (var k = 0; k < 3; k++)
        {
            sb.AppendLine($"### {Names[k]}");
            sb.AppendLine();
            sb.Append("| origin | n |");
            foreach (var m in ForecastMethods.All) sb.Append($" {m} MAE | WAPE | MASE |");
            sb.AppendLine(" chosen WAPE | chosen (per year) |");
            sb.Append("|---|---:|");
            foreach (var _ in ForecastMethods.All) sb.Append("---:|---:|---:|");
            sb.AppendLine("---:|---|");
            for (var t = 1; t <= 11; t++)
            {
                var pts = training.Points.Where(p => p.Indicator == k && p.Origin == t && p.Level == "district").ToList();
                var stats = ForecastMethods.All.Select((_, m) => Metrics(pts, p => p.Predictions[m])).ToArray();
                var best = Enumerable.Range(0, stats.Length).Where(m => !double.IsNaN(stats[m].Wape)).MinBy(m => stats[m].Wape);
                wins[best]++;
                sb.Append($"| {t} | {pts.Count} |");
                for (var m = 0; m < stats.Length; m++)
                {
                    var (mae, wape, mase) = stats[m];
                    var b = m == best ? "**" : "";
                    sb.Append($" {F(mae, 1)} | {b}{P(wape)}{b} | {F(mase, 2)} |");
                }
                var chosenNames = new List<string>();
                var chosenPts = new List<(BacktestPoint P, double Pred)>();
                foreach (var h in heldOut)
                {
                    var other = training with { Points = training.Points.Where(p => p.Year != h).ToList() };
                    var choice = ForecastService.Choose(other, k, t, "district");
                    var m = ForecastMethods.Index(choice.Method);
                    chosenNames.Add($"{h}: {choice.Method}");
                    foreach (var p in pts.Where(p => p.Year == h))
                        chosenPts.Add((p, Calibrated(p.Predictions[m], choice.Q50)));
                }
                var chosen = Metrics(chosenPts.Select(c => c.P).ToList(), p => chosenPts.First(c => ReferenceEquals(c.P, p)).Pred);
                sb.AppendLine($" {P(chosen.Wape)} | {string.Join("; ", chosenNames)} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine($"Best method by WAPE over the 33 (indicator, origin) cells: " +
            string.Join(", ", ForecastMethods.All.Select((m, i) => $"{m} {wins[i]}")) + ".");
        sb.AppendLine();

        // Met / missed and coverage, out of sample: selection and intervals of each held-out year from the other one.
        sb.AppendLine("## Met / missed calls and 80 % intervals, out of sample");
        sb.AppendLine();
        sb.AppendLine($"Backtest years: for each held-out year the method and the interval come from the other held-out year's errors only. " +
            $"{year}: `ForecastService.Forecast` itself with `--through {year}-09` (trained on {string.Join(", ", training.TrainingYears)}), " +
            $"against the December {year} indicators of the same database. Districts and streets; the targets are those of §5 with M = 12.");
        sb.AppendLine();
        sb.AppendLine("| data | level | regions | registration_met | active_met | hours_met | all calls | interval coverage (registered / active / hours) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        var allCalls = (0, 0);
        var allCover = (0, 0);
        foreach (var level in Levels)
            foreach (var h in heldOut)
            {
                var (calls, cover, regions) = HeldOutCalls(ws, training, h, origin, level);
                sb.AppendLine(CallRow($"backtest {h}", level, regions, calls, cover));
                allCalls = (allCalls.Item1 + calls.Sum(c => c.Item1), allCalls.Item2 + calls.Sum(c => c.Item2));
                allCover = (allCover.Item1 + cover.Sum(c => c.Item1), allCover.Item2 + cover.Sum(c => c.Item2));
            }
        var service = ws.Get<ForecastService>();
        var indicators = ws.Get<IndicatorService>();
        watch.Restart();
        var first = service.Forecast(ws.Connection, new ForecastQuery(year, origin, "district"));
        var coldSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        service.Forecast(ws.Connection, new ForecastQuery(year, origin, "district"));
        var warmSeconds = watch.Elapsed.TotalSeconds;
        foreach (var level in Levels)
        {
            var rows = level == "district" ? first : service.Forecast(ws.Connection, new ForecastQuery(year, origin, level));
            var actual = indicators.Compute(ws.Connection, new IndicatorQuery(year, 12, level)).ToDictionary(r => r.RegionCode);
            var calls = new (int, int)[3];
            var cover = new (int, int)[3];
            foreach (var r in rows)
            {
                var a = actual[r.RegionCode];
                Tally(ref calls[0], r.RegistrationMet, a.RegistrationMet);
                Tally(ref calls[1], r.ActiveMet, a.ActiveMet);
                Tally(ref calls[2], r.HoursMet, a.HoursMet);
                Cover(ref cover[0], r.Registered, a.Registered);
                Cover(ref cover[1], r.Active, a.Active);
                Cover(ref cover[2], r.TotalHours, (double)a.TotalHours.Num / (double)a.TotalHours.Den);
            }
            sb.AppendLine(CallRow($"forecast {year}", level, rows.Count, calls, cover));
            allCalls = (allCalls.Item1 + calls.Sum(c => c.Item1), allCalls.Item2 + calls.Sum(c => c.Item2));
            allCover = (allCover.Item1 + cover.Sum(c => c.Item1), allCover.Item2 + cover.Sum(c => c.Item2));
        }
        sb.AppendLine();
        sb.AppendLine($"**Overall: {P((double)allCalls.Item1 / allCalls.Item2)} of {allCalls.Item2} met/missed calls correct from the September origin " +
            $"(target ≥ 90 %); the 80 % intervals held {P((double)allCover.Item1 / allCover.Item2)} of {allCover.Item2} outcomes (target 75–85 %).**");
        sb.AppendLine();
        sb.AppendLine("## Interval coverage by origin month (backtest, out of sample, district and street)");
        sb.AppendLine();
        sb.AppendLine("| origin | registered | active | total_hours |");
        sb.AppendLine("|---|---:|---:|---:|");
        for (var t = 1; t <= 11; t++)
        {
            sb.Append($"| {t} |");
            for (var k = 0; k < 3; k++)
            {
                var (inside, n) = (0, 0);
                foreach (var level in Levels)
                    foreach (var h in heldOut)
                    {
                        var other = training with { Points = training.Points.Where(p => p.Year != h).ToList() };
                        var choice = ForecastService.Choose(other, k, t, level);
                        var m = ForecastMethods.Index(choice.Method);
                        foreach (var p in training.Points.Where(p => p.Year == h && p.Indicator == k && p.Origin == t && p.Level == level))
                        {
                            var pred = double.IsNaN(p.Predictions[m]) ? p.Predictions[1] : p.Predictions[m];
                            n++;
                            if (p.Actual >= Calibrated(pred, choice.Q10) - 1e-9 && p.Actual <= Calibrated(pred, choice.Q90) + 1e-9) inside++;
                        }
                    }
                sb.Append($" {P((double)inside / Math.Max(1, n))} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine("## Time");
        sb.AppendLine();
        sb.AppendLine($"Training and backtest for the city ({history.Regions.Count} regions, {training.Points.Count:N0} backtest forecasts, " +
            $"{training.HeldOutYears.Length + 1} trainings of 3 FastTree models, run at once): **{trainSeconds:F1} s** (CPU {trainCpu:F1} s, load average {load} at the start; " +
            "the first training of the process, JIT included; target ≤ 60 s; `bench/ml/report.sh bench` times it alone). " +
            $"`forecast` right after an ingest (history, training, backtest, storing the models): {coldSeconds:F1} s; again with the stored models: {warmSeconds:F1} s. " +
            $"Machine: {Environment.ProcessorCount} cores, shared.");
        File.WriteAllText(path, sb.ToString());
        Console.Error.WriteLine($"forecast report: {path} (calls {P((double)allCalls.Item1 / allCalls.Item2)}, coverage {P((double)allCover.Item1 / allCover.Item2)}, train {trainSeconds:F1} s)");
    }

    static double Calibrated(double pred, double q) => double.IsNaN(q) ? pred : (pred + 1) * Math.Exp(q) - 1;

    static ((int, int)[] Calls, (int, int)[] Cover, int Regions) HeldOutCalls(Workspace ws, ForecastTraining training, int h, int t, string level)
    {
        var other = training with { Points = training.Points.Where(p => p.Year != h).ToList() };
        var population = IndicatorService.Population(ws.Connection, h);
        var est = new Dictionary<string, (double V, double Lo, double Hi, double Actual)[]>();
        for (var k = 0; k < 3; k++)
        {
            var choice = ForecastService.Choose(other, k, t, level);
            var m = ForecastMethods.Index(choice.Method);
            foreach (var p in training.Points.Where(p => p.Year == h && p.Indicator == k && p.Origin == t && p.Level == level))
            {
                var pred = double.IsNaN(p.Predictions[m]) ? p.Predictions[1] : p.Predictions[m];
                if (!est.TryGetValue(p.Region, out var e)) est[p.Region] = e = new (double, double, double, double)[3];
                e[k] = (Calibrated(pred, choice.Q50), Calibrated(pred, choice.Q10), Calibrated(pred, choice.Q90), p.Actual);
            }
        }
        var calls = new (int, int)[3];
        var cover = new (int, int)[3];
        foreach (var (region, e) in est)
        {
            if (e.Any(x => x == default)) continue;
            var pop = population.GetValueOrDefault(region);
            bool? Reg(double r) => pop is > 0 ? 100 * r >= 13.0 * pop.Value : null;
            bool? Act(double a, double r) => r > 0 ? 10 * a >= 7 * r : null;
            bool? Hrs(double hs, double r) => r > 0 ? hs >= 25 * r : null;
            Tally(ref calls[0], Reg(e[0].V), Reg(e[0].Actual));
            Tally(ref calls[1], Act(e[1].V, e[0].V), Act(e[1].Actual, e[0].Actual));
            Tally(ref calls[2], Hrs(e[2].V, e[0].V), Hrs(e[2].Actual, e[0].Actual));
            for (var k = 0; k < 3; k++) Cover(ref cover[k], new ForecastValue(e[k].V, e[k].Lo, e[k].Hi), e[k].Actual);
        }
        return (calls, cover, est.Count);
    }

    static void Tally(ref (int Right, int N) t, bool? predicted, bool? actual)
    {
        if (predicted is null || actual is null) return;
        t = (t.Right + (predicted == actual ? 1 : 0), t.N + 1);
    }

    static void Cover(ref (int Inside, int N) c, ForecastValue v, double actual) =>
        c = (c.Inside + (actual >= v.Low - 1e-6 && actual <= v.High + 1e-6 ? 1 : 0), c.N + 1);

    static string CallRow(string data, string level, int regions, (int, int)[] calls, (int, int)[] cover) =>
        $"| {data} | {level} | {regions} | {Frac(calls[0])} | {Frac(calls[1])} | {Frac(calls[2])} | " +
        $"{Frac((calls.Sum(c => c.Item1), calls.Sum(c => c.Item2)))} | {string.Join(" / ", cover.Select(c => P((double)c.Item1 / Math.Max(1, c.Item2))))} |";

    static string Frac((int Right, int N) t) => t.N == 0 ? "—" : $"{P((double)t.Right / t.N)} ({t.Right}/{t.N})";

    static (double Mae, double Wape, double Mase) Metrics(IReadOnlyList<BacktestPoint> points, Func<BacktestPoint, double> pred)
    {
        double abs = 0, actual = 0, scaled = 0;
        int n = 0, ns = 0;
        foreach (var p in points)
        {
            var v = pred(p);
            if (double.IsNaN(v)) continue;
            var e = Math.Abs(v - p.Actual);
            abs += e;
            actual += Math.Abs(p.Actual);
            n++;
            if (!double.IsNaN(p.Scale) && p.Scale > 0) { scaled += e / p.Scale; ns++; }
        }
        return n == 0 ? (double.NaN, double.NaN, double.NaN) : (abs / n, actual > 0 ? abs / actual : double.NaN, ns > 0 ? scaled / ns : double.NaN);
    }

    static string F(double v, int d) => double.IsNaN(v) ? "—" : v.ToString("N" + d, CultureInfo.InvariantCulture);
    static string P(double v) => double.IsNaN(v) ? "—" : (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
