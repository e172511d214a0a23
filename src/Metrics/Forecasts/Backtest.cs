using VolunteerStats.Ingest.Parsing;

namespace VolunteerStats.Metrics.Forecasts;

/// <summary>
/// One backtest forecast: region, held-out year, origin month and indicator, the value at the origin, the December
/// value that really came, the MASE scale (the region's mean monthly change in the year before) and each method's
/// prediction in <see cref="ForecastMethods.All"/> order (NaN where a method had nothing to go on).
/// </summary>
public sealed record BacktestPoint(string Region, string Level, int Year, int Origin, int Indicator,
    double Current, double Actual, double Scale, double[] Predictions)
{
    /// <summary>The error on the scale intervals are built on: log((actual + 1) / (prediction + 1)).</summary>
    public double LogError(int method) => Math.Log((Math.Max(Actual, 0) + 1) / (Math.Max(Predictions[method], 0) + 1));
}

/// <summary>What a training run leaves: the model for the forecast year and the rolling-origin backtest behind the choice of method.</summary>
public sealed record ForecastTraining(int Year, DateTimeOffset TrainedAt, int[] TrainingYears, int[] HeldOutYears,
    List<BacktestPoint> Points, ForecastModel? Model);

/// <summary>
/// Rolling-origin backtest: for each of the last two complete years before the forecast year, every origin month
/// Jan–Nov is forecast with each baseline and with a model trained on the other complete years before the
/// forecast year (leave-one-year-out: with four years of history there would otherwise be nothing to train the
/// first held-out year on). Nothing dated after the forecast's <c>--through</c> is ever read.
/// </summary>
public static class Backtest
{
    public const int HeldOutYearCount = 2;

    public static ForecastTraining Run(ForecastHistory history, DateTimeOffset now, CancellationToken ct)
    {
        var complete = history.CompleteYears().ToArray();
        var withPrevious = history.YearsWithPrevious().ToArray();
        var heldOut = complete.TakeLast(HeldOutYearCount).ToArray();
        // The model of each held-out year and the final one are independent trainings (each its own MLContext with the
        // same seed, as when they ran one after the other): trained at once, on as many cores as there are.
        var trainYears = heldOut.Select(year => withPrevious.Where(y => y != year).ToArray()).Append(withPrevious).ToArray();
        var models = new ForecastModel?[trainYears.Length];
        Parallel.For(0, trainYears.Length, new ParallelOptions { CancellationToken = ct },
            i => models[i] = trainYears[i].Length > 0 ? ForecastModel.Train(Examples(history, trainYears[i])) : null);
        var points = new List<BacktestPoint>();
        for (var i = 0; i < heldOut.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            points.AddRange(Points(history, heldOut[i], models[i]));
        }
        return new ForecastTraining(history.Year, now, withPrevious, heldOut, points, models[^1]);
    }

    public static IReadOnlyList<ForecastModel.Example>[] Examples(ForecastHistory history, IEnumerable<int> years)
    {
        var examples = Enumerable.Range(0, ForecastHistory.Indicators).Select(_ => new List<ForecastModel.Example>()).ToArray();
        foreach (var year in years)
            foreach (var region in history.Regions)
            {
                if (history.Series(region.Code, year) is not { } cur || history.Series(region.Code, year - 1) is not { } prev) continue;
                for (var t = 1; t <= 11; t++)
                {
                    if (!(cur[t, 0] >= ForecastModel.MinTrainingSize)) continue;
                    for (var k = 0; k < ForecastHistory.Indicators; k++)
                        if (ForecastModel.Features(cur, prev, t, k) is { } f && !double.IsNaN(cur[12, k]))
                            examples[k].Add(new ForecastModel.Example { Features = f, Label = ForecastModel.Label(ForecastModel.Base(cur, prev, t, k), cur[12, k]),
                                Weight = (float)Math.Log(cur[t, 0]) });
                }
            }
        return examples;
    }

    private static List<BacktestPoint> Points(ForecastHistory history, int year, ForecastModel? model)
    {
        var pending = new List<(BacktestPoint Point, float[]? Features, double Base)>();
        foreach (var region in history.Regions)
        {
            if (history.Series(region.Code, year) is not { } cur) continue;
            var prev = history.Series(region.Code, year - 1);
            var level = RegionCodes.Level(region.Code);
            for (var t = 1; t <= 11; t++)
            {
                if (!(cur[t, 0] >= 1)) continue;
                for (var k = 0; k < ForecastHistory.Indicators; k++)
                {
                    var preds = new double[ForecastMethods.All.Length];
                    preds[0] = double.NaN;
                    for (var b = 1; b < preds.Length; b++) preds[b] = ForecastMethods.Baseline(ForecastMethods.All[b], cur, prev, t, k);
                    pending.Add((new BacktestPoint(region.Code, level, year, t, k, cur[t, k], cur[12, k], Scale(prev, k), preds),
                        model?.Has(k) == true ? ForecastModel.Features(cur, prev, t, k) : null, ForecastModel.Base(cur, prev, t, k)));
                }
            }
        }
        if (model is not null)
            for (var k = 0; k < ForecastHistory.Indicators; k++)
            {
                var batch = pending.Where(p => p.Point.Indicator == k && p.Features is not null).ToList();
                var scores = model.Predict(k, batch.Select(p => p.Features!).ToList());
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Point.Predictions[0] = ForecastModel.Apply(batch[i].Base, scores[i]);
            }
        return pending.Select(p => p.Point).ToList();
    }

    /// <summary>MASE scale: the mean absolute month-to-month change of the year before (a one-step naive's error); NaN when unknown.</summary>
    private static double Scale(double[,]? prev, int k)
    {
        if (prev is null) return double.NaN;
        double sum = 0;
        var n = 0;
        for (var m = 1; m <= 12; m++)
        {
            var before = m == 1 ? (k == 0 ? prev[0, k] : 0) : prev[m - 1, k];
            if (double.IsNaN(before) || double.IsNaN(prev[m, k])) continue;
            sum += Math.Abs(prev[m, k] - before);
            n++;
        }
        return n == 0 || sum == 0 ? double.NaN : sum / n;
    }

    /// <summary>Mean absolute log error of a method over points where it and (when given) a rival both predicted.</summary>
    public static double Male(IEnumerable<BacktestPoint> points, int method, int? alsoAvailable = null)
    {
        double sum = 0;
        var n = 0;
        foreach (var p in points)
        {
            if (double.IsNaN(p.Predictions[method]) || double.IsNaN(p.Actual)) continue;
            if (alsoAvailable is { } o && double.IsNaN(p.Predictions[o])) continue;
            sum += Math.Abs(p.LogError(method));
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        var pos = q * (sorted.Count - 1);
        return At(sorted, pos);
    }

    /// <summary>
    /// The q-quantile of errors as a split-conformal bound: position q × (n + 1) − 1 in the sorted errors, so that a new
    /// error falls below it with probability q (a plain empirical quantile of few errors gives intervals that are too
    /// narrow out of sample).
    /// </summary>
    public static double ConformalQuantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        return At(sorted, Math.Clamp(q * (sorted.Count + 1) - 1, 0, sorted.Count - 1));
    }

    private static double At(IReadOnlyList<double> sorted, double pos)
    {
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
