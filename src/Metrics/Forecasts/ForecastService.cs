using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using VolunteerStats.Metrics.Indicators;

namespace VolunteerStats.Metrics.Forecasts;

/// <summary>
/// December forecasts of registered, active and total hours for the regions <c>indicators</c> lists (CONTRACT §10).
/// History comes from <see cref="IndicatorService"/> month by month; per indicator and origin month the method with
/// the smallest backtest error is used (the ML.NET model only where it beats the best naive baseline), and the
/// 80 % interval is the 10th–90th percentile of that method's backtest errors.
/// </summary>
public sealed class ForecastService(IndicatorService indicators, ForecastModelStore store, TimeProvider clock, ILogger<ForecastService> logger)
{
    /// <summary>Fewer backtest errors than this at the region's level and month: the pool takes neighbouring months, then every level.</summary>
    private const int MinPool = 20;

    public List<ForecastRow> Forecast(DuckDBConnection connection, ForecastQuery query, CancellationToken ct = default)
    {
        if (query.Through is < 1 or > 12) throw new ArgumentException($"--through month must be 1..12; got {query.Through}.");
        var listed = indicators.Compute(connection, new IndicatorQuery(query.Year, query.Through, query.Level, query.Parent));
        var history = ForecastHistory.Load(connection, query.Year, query.Through);
        var training = Training(connection, history, ct);
        return listed.Select(r => Row(history, training, r, query)).ToList();
    }

    /// <summary>
    /// <see cref="Forecast"/> from stored models only, for readers that must not train (a page request): null when no
    /// model is stored for the current data (the nightly job trains one).
    /// </summary>
    public (List<ForecastRow> Rows, DateTimeOffset TrainedAt)? ForecastStored(DuckDBConnection connection, ForecastQuery query)
    {
        if (query.Through is < 1 or > 12) throw new ArgumentException($"--through month must be 1..12; got {query.Through}.");
        var history = ForecastHistory.Load(connection, query.Year, query.Through);
        if (store.TryLoad(history.Year, ForecastModelStore.Fingerprint(connection)) is not { } training) return null;
        var listed = indicators.Compute(connection, new IndicatorQuery(query.Year, query.Through, query.Level, query.Parent));
        return (listed.Select(r => Row(history, training, r, query)).ToList(), training.TrainedAt);
    }

    /// <summary>The current training for the forecast year: loaded when stored for the same data, else trained and stored.</summary>
    public ForecastTraining Training(DuckDBConnection connection, ForecastHistory history, CancellationToken ct = default) =>
        Training(ForecastModelStore.Fingerprint(connection), history, ct);

    /// <summary>
    /// The same, from a fingerprint and history read beforehand: the server reads them on its writing connection and
    /// trains outside it, so that ingests do not wait for a training.
    /// </summary>
    public ForecastTraining Training(string fingerprint, ForecastHistory history, CancellationToken ct = default)
    {
        if (store.TryLoad(history.Year, fingerprint) is { } stored) return stored;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var training = Backtest.Run(history, clock.GetUtcNow(), ct);
        logger.LogInformation("Trained forecast models for {Year} on {Years} in {Seconds:F1} s", history.Year, string.Join(",", training.TrainingYears), started.Elapsed.TotalSeconds);
        if (!store.TrySave(training, fingerprint))
            logger.LogWarning("Could not store the forecast models in {Dir}; they will be trained again next time", store.Root);
        return training;
    }

    /// <summary>The method chosen for indicator k at origin t, with the error quantiles (log scale) of the interval.</summary>
    public sealed record Choice(string Method, double Q10, double Q50, double Q90, int Errors, string? Note);

    public static Choice Choose(ForecastTraining training, int k, int t, string level)
    {
        var atOrigin = training.Points.Where(p => p.Indicator == k && p.Origin == t && p.Current >= ForecastModel.MinTrainingSize).ToList();
        // Compared where the forecast is asked: at the region's level when it has enough backtest forecasts.
        if (atOrigin.Count(p => p.Level == level) >= MinPool) atOrigin = atOrigin.Where(p => p.Level == level).ToList();
        if (atOrigin.Count == 0)
            return new Choice(ForecastMethods.LinearPace, double.NaN, double.NaN, double.NaN, 0, "one year of history, no backtest");
        var best = 1;
        var bestError = double.PositiveInfinity;
        for (var b = 1; b < ForecastMethods.All.Length; b++)
            if (Backtest.Male(atOrigin, b) is var e && e < bestError) { bestError = e; best = b; }
        var method = best;
        if (Backtest.Male(atOrigin, 0) is var m && !double.IsNaN(m) && m < Backtest.Male(atOrigin, best, 0)) method = 0;
        var (q10, q50, q90, n) = Quantiles(training, k, t, level, method);
        return new Choice(ForecastMethods.All[method], q10, q50, q90, n, null);
    }

    public static (double Q10, double Q50, double Q90, int N) Quantiles(ForecastTraining training, int k, int t, string level, int method)
    {
        List<double> Pool(Func<BacktestPoint, bool> keep) => training.Points
            .Where(p => p.Indicator == k && keep(p) && !double.IsNaN(p.Predictions[method]) && !double.IsNaN(p.Actual))
            .Select(p => p.LogError(method)).Order().ToList();
        var pool = Pool(p => p.Origin == t && p.Level == level);
        if (pool.Count < MinPool) pool = Pool(p => Math.Abs(p.Origin - t) <= 1 && p.Level == level);
        if (pool.Count < MinPool) pool = Pool(p => p.Origin == t);
        return (Backtest.ConformalQuantile(pool, 0.1), Backtest.Quantile(pool, 0.5), Backtest.ConformalQuantile(pool, 0.9), pool.Count);
    }

    private static ForecastRow Row(ForecastHistory history, ForecastTraining training, IndicatorRow now, ForecastQuery query)
    {
        var t = query.Through;
        var cur = history.Series(now.RegionCode, history.Year);
        var prev = history.Series(now.RegionCode, history.Year - 1);
        var values = new ForecastValue[ForecastHistory.Indicators];
        var methods = new string[ForecastHistory.Indicators];
        for (var k = 0; k < ForecastHistory.Indicators; k++)
        {
            var x = cur?[t, k] ?? 0;
            if (cur is null || t == 12)
            {
                values[k] = new ForecastValue(x, x, x);
                methods[k] = "observed";
                continue;
            }
            var choice = Choose(training, k, t, now.Level);
            var method = ForecastMethods.Index(choice.Method);
            var pred = Predict(training, cur, prev, t, k, method);
            if (double.IsNaN(pred))
            {
                // This region lacks what the chosen method needs (no year before): the best baseline it has.
                method = ForecastMethods.Baselines.Select(ForecastMethods.Index)
                    .Where(b => !double.IsNaN(Predict(training, cur, prev, t, k, b)))
                    .OrderBy(b => Backtest.Male(training.Points.Where(p => p.Indicator == k && p.Origin == t), b) is var e && !double.IsNaN(e) ? e : double.MaxValue)
                    .First();
                pred = Predict(training, cur, prev, t, k, method);
                choice = choice with { Note = choice.Note ?? "no year before for this region" };
            }
            var (q10, q50, q90, n) = method == ForecastMethods.Index(choice.Method) && !double.IsNaN(choice.Q50)
                ? (choice.Q10, choice.Q50, choice.Q90, choice.Errors)
                : Quantiles(training, k, t, now.Level, method);
            ForecastValue v;
            if (n == 0 || double.IsNaN(q50))
                v = Bootstrap(cur, t, k, pred);
            else
                v = new ForecastValue((pred + 1) * Math.Exp(q50) - 1, (pred + 1) * Math.Exp(q10) - 1, (pred + 1) * Math.Exp(q90) - 1);
            v = new ForecastValue(Math.Max(v.Expected, 0), Math.Max(v.Low, 0), Math.Max(v.High, 0));
            values[k] = v;
            methods[k] = ForecastMethods.All[method] + (choice.Note is { } note && n == 0 ? $" ({note})" : "");
        }
        // Nobody can be active without being registered.
        if (values[1].Expected > values[0].Expected)
            values[1] = values[1] with { Expected = values[0].Expected, High = Math.Max(values[0].High, values[0].Expected) };
        var reg = values[0].Expected;
        var pop = now.Population;
        bool? registrationMet = pop is > 0 ? 100 * reg >= 13.0 * pop.Value : null;
        bool? activeMet = reg > 0 ? 10 * values[1].Expected >= 7 * reg : null;
        bool? hoursMet = reg > 0 ? values[2].Expected >= 25 * reg : null;
        var months = 12 - t;
        double? PerMonth(double need) => months > 0 ? Math.Max(0, need) / months : null;
        return new ForecastRow(now.RegionCode, now.RegionName, now.Level, pop, values[0], values[1], values[2],
            registrationMet, activeMet, hoursMet, MethodName(methods), now.Registered, now.Active, (double)now.TotalHours.Num / (double)now.TotalHours.Den, t,
            pop is > 0 ? PerMonth(0.13 * pop.Value - now.Registered) : null,
            PerMonth(Math.Ceiling(0.7 * reg) - now.Active),
            PerMonth(25 * reg - (double)now.TotalHours.Num / (double)now.TotalHours.Den));
    }

    private static double Predict(ForecastTraining training, double[,] cur, double[,]? prev, int t, int k, int method)
    {
        if (method != 0) return ForecastMethods.Baseline(ForecastMethods.All[method], cur, prev, t, k);
        if (training.Model is not { } model || !model.Has(k) || ForecastModel.Features(cur, prev, t, k) is not { } f) return double.NaN;
        return ForecastModel.Apply(ForecastModel.Base(cur, prev, t, k), model.Predict(k, [f])[0]);
    }

    /// <summary>
    /// With no backtest (one year of history): linear pace, and an interval from resampling this year's monthly
    /// changes over the months left.
    /// </summary>
    private static ForecastValue Bootstrap(double[,] cur, int t, int k, double pred)
    {
        var steps = new List<double>();
        for (var m = 1; m <= t; m++)
        {
            var before = m == 1 ? (k == 0 ? cur[0, k] : 0) : cur[m - 1, k];
            if (!double.IsNaN(before) && !double.IsNaN(cur[m, k])) steps.Add(cur[m, k] - before);
        }
        if (steps.Count == 0) return new ForecastValue(pred, pred, pred);
        var random = new Random(17);
        var sums = new double[2000];
        for (var i = 0; i < sums.Length; i++)
        {
            double s = 0;
            for (var m = t + 1; m <= 12; m++) s += steps[random.Next(steps.Count)];
            sums[i] = cur[t, k] + s;
        }
        Array.Sort(sums);
        var low = Backtest.Quantile(sums, 0.1);
        var high = Backtest.Quantile(sums, 0.9);
        return new ForecastValue(pred, Math.Min(low, pred), Math.Max(high, pred));
    }

    private static string MethodName(string[] methods) =>
        methods.Distinct().Count() == 1
            ? methods[0]
            : $"registered={methods[0]};active={methods[1]};total_hours={methods[2]}";
}
