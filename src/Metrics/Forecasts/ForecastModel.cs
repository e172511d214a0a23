using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace VolunteerStats.Metrics.Forecasts;

/// <summary>
/// An ML.NET FastTree regression per indicator, trained across regions, years and origin months. It predicts the
/// log of December's value over last year's shape (both + 1) from lagged and seasonal features of this year and the
/// last, so one model serves a community of 200 and a city of 2 million.
/// </summary>
public sealed class ForecastModel
{
    public const int FeatureCount = 12;

    /// <summary>Regions smaller than this at the origin month are too noisy to learn from.</summary>
    public const double MinTrainingSize = 20;

    private readonly MLContext _ml;
    private readonly ITransformer?[] _models;

    private ForecastModel(MLContext ml, ITransformer?[] models)
    {
        _ml = ml;
        _models = models;
    }

    public sealed class Example
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = new float[FeatureCount];
        public float Label { get; set; }
        /// <summary>Larger regions weigh more: their December is less noisy and they are the ones leaders compare.</summary>
        public float Weight { get; set; } = 1;
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    /// <summary>The features of (cur, prev) at origin month t for indicator k; null when the previous year is unknown.</summary>
    public static float[]? Features(double[,] cur, double[,]? prev, int t, int k)
    {
        if (prev is null || double.IsNaN(prev[12, k]) || double.IsNaN(prev[t, k])) return null;
        double L(double a, double b) => Math.Log((Math.Max(a, 0) + 1) / (Math.Max(b, 0) + 1));
        var x = cur[t, k];
        var reg = Math.Max(cur[t, 0], 1);
        var back = Math.Max(t - 3, 0);
        var f = new float[FeatureCount];
        f[0] = t;
        f[1] = (float)L(ForecastMethods.Linear(cur, t, k), x);
        f[2] = (float)L(prev[12, k], prev[t, k]);
        f[3] = (float)L(ForecastMethods.Seasonal(cur, prev, t, k), x);
        f[4] = (float)L(x, prev[t, k]);
        f[5] = (float)L(x - Safe(cur[back, k]), prev[t, k] - Safe(prev[back, k]));
        f[6] = (float)L(prev[12, k] - prev[11, k], prev[11, k] - prev[10, k]);
        f[7] = (float)Math.Log(reg + 1);
        f[8] = (float)(cur[t, 1] / reg);
        f[9] = (float)(cur[t, 2] / reg);
        f[10] = (float)((x - Safe(cur[t - 1, k])) / (x + 1));
        f[11] = (float)((prev[12, k] - prev[t, k]) / (Math.Max(x, 0) + 1));
        return f;
    }

    private static double Safe(double v) => double.IsNaN(v) ? 0 : v;

    /// <summary>
    /// What the model starts from: last year's shape (seasonal naive where last year had nothing by month t). The
    /// model learns the log correction to it, so it only has to learn how this year differs from the last.
    /// </summary>
    public static double Base(double[,] cur, double[,]? prev, int t, int k)
    {
        var shape = ForecastMethods.LastYear(cur, prev, t, k);
        return double.IsNaN(shape) ? ForecastMethods.Seasonal(cur, prev, t, k) : shape;
    }

    public static float Label(double baseline, double december) => (float)Math.Log((Math.Max(december, 0) + 1) / (Math.Max(baseline, 0) + 1));

    /// <summary>The December value from the base and a predicted log correction.</summary>
    public static double Apply(double baseline, float score) => (Math.Max(baseline, 0) + 1) * Math.Exp(score) - 1;

    /// <summary>Trains one regression per indicator; an indicator with too few examples gets none.</summary>
    public static ForecastModel Train(IReadOnlyList<Example>[] examples, int seed = 1)
    {
        var ml = new MLContext(seed);
        var models = new ITransformer?[examples.Length];
        for (var k = 0; k < examples.Length; k++)
        {
            if (examples[k].Count < 50) continue;
            var data = ml.Data.LoadFromEnumerable(examples[k]);
            var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                // Small, shrunk trees: the base is already good, the model should only learn corrections that recur.
                NumberOfTrees = 120,
                NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = 30,
                LearningRate = 0.05,
                ExampleWeightColumnName = nameof(Example.Weight),
                NumberOfThreads = 1,
                FeatureColumnName = nameof(Example.Features),
                LabelColumnName = nameof(Example.Label),
            });
            models[k] = trainer.Fit(data);
        }
        return new ForecastModel(ml, models);
    }

    public bool Has(int k) => _models[k] is not null;

    /// <summary>Predicted log ratios (December over now) for a batch of feature vectors of indicator k.</summary>
    public float[] Predict(int k, IReadOnlyList<float[]> features)
    {
        if (_models[k] is not { } model || features.Count == 0) return [.. features.Select(_ => float.NaN)];
        var data = _ml.Data.LoadFromEnumerable(features.Select(f => new Example { Features = f }));
        return [.. _ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: false).Select(p => p.Score)];
    }

    public void Save(string dir)
    {
        Directory.CreateDirectory(dir);
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Example>()).Schema;
        for (var k = 0; k < _models.Length; k++)
            if (_models[k] is { } m) _ml.Model.Save(m, schema, Path.Combine(dir, $"model-{k}.zip"));
    }

    public static ForecastModel Load(string dir, int indicators)
    {
        var ml = new MLContext(1);
        var models = new ITransformer?[indicators];
        for (var k = 0; k < indicators; k++)
        {
            var path = Path.Combine(dir, $"model-{k}.zip");
            if (File.Exists(path)) models[k] = ml.Model.Load(path, out _);
        }
        return new ForecastModel(ml, models);
    }
}
