using Microsoft.ML;
using Microsoft.ML.Data;

namespace VolunteerStats.Metrics.Anomalies;

/// <summary>
/// ML.NET anomaly models over organization-days (randomized PCA and k-means distance on standardised features). The
/// score returned is a percentile among all days scored (0–1), so thresholds read the same on any data.
/// </summary>
public static class AnomalyModel
{
    private sealed class Row
    {
        [VectorType(OrganizationDay.FeatureCount)] public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float Score { get; set; }
    }

    private sealed class Distances
    {
        public float[] Score { get; set; } = [];
    }

    /// <summary>Clusters of ordinary days for the k-means distance.</summary>
    public const int Clusters = 8;

    /// <summary>Days the models are fitted on at most.</summary>
    public const int MaxTrainingDays = 20_000;

    /// <summary>
    /// For each day, the larger of two percentiles among all days: its randomized-PCA score (ML.NET's PCA score is the
    /// share of the standardised vector outside the principal subspace: an unusual mix of features) and its distance
    /// to the nearest k-means centre (an unusual size, which PCA alone misses when it lies along a principal axis).
    /// </summary>
    public static double[] Percentiles(IReadOnlyList<OrganizationDay> days, int seed = 1)
    {
        if (days.Count < 50) return new double[days.Count];
        var ml = new MLContext(seed);
        var rows = days.Select(d => new Row { Features = d.Features() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        // Fitted on at most MaxTrainingDays days (a fixed-seed sample), scored on all: a city-year has ~100k of them.
        var sample = rows.Count <= MaxTrainingDays ? data
            : ml.Data.LoadFromEnumerable(rows.Where((_, i) => Mix((uint)i, (uint)seed) % (uint)rows.Count < MaxTrainingDays));
        var normalizer = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features)).Fit(sample);
        var normalized = normalizer.Transform(data);
        var normalizedSample = normalizer.Transform(sample);
        var pca = ml.AnomalyDetection.Trainers.RandomizedPca(nameof(Row.Features), rank: 4, oversampling: 10, ensureZeroMean: true, seed: seed)
            .Fit(normalizedSample);
        var pcaScores = ml.Data.CreateEnumerable<Output>(pca.Transform(normalized), reuseRowObject: false).Select(o => (double)o.Score).ToArray();
        var kmeans = ml.Clustering.Trainers.KMeans(new Microsoft.ML.Trainers.KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Row.Features),
            NumberOfClusters = Math.Min(Clusters, days.Count / 10),
            InitializationAlgorithm = Microsoft.ML.Trainers.KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 100,
            NumberOfThreads = 1,
        }).Fit(normalizedSample);
        var distances = ml.Data.CreateEnumerable<Distances>(kmeans.Transform(normalized), reuseRowObject: false).Select(o => (double)o.Score.Min()).ToArray();
        var a = Rank(pcaScores);
        var b = Rank(distances);
        return [.. a.Zip(b, Math.Max)];
    }

    /// <summary>
    /// A fixed hash of a day's position (the days come in a fixed order), so that the same data give the same sample and
    /// the same flags in every run; <see cref="HashCode"/> is seeded differently in each process.
    /// </summary>
    private static uint Mix(uint i, uint seed)
    {
        var x = i * 0x9E3779B1u ^ seed * 0x85EBCA77u;
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        return x ^ (x >> 16);
    }

    private static double[] Rank(double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        var pct = new double[scores.Length];
        for (var rank = 0; rank < order.Length; rank++) pct[order[rank]] = (rank + 1.0) / order.Length;
        return pct;
    }
}
