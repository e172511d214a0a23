namespace VolunteerStats.Metrics.Forecasts;

/// <summary>
/// The forecasting methods by name, and the naive baselines a model must beat. Every method predicts the December
/// value of one indicator from the months of the year so far (<c>cur</c>) and, where it needs one, the year before
/// (<c>prev</c>); NaN where the method has nothing to go on.
/// </summary>
public static class ForecastMethods
{
    public const string Model = "fasttree";
    public const string LinearPace = "linear_pace";
    public const string LastYearShape = "last_year_shape";
    public const string SeasonalNaive = "seasonal_naive";

    /// <summary>Index 0 is the model, then the baselines; backtest predictions are stored in this order.</summary>
    public static readonly string[] All = [Model, LinearPace, LastYearShape, SeasonalNaive];
    public static readonly string[] Baselines = [LinearPace, LastYearShape, SeasonalNaive];

    public static int Index(string method) => Array.IndexOf(All, method);

    /// <summary>
    /// Linear pace: registered keeps growing by this year's monthly net growth; active and hours, which count from
    /// January 1, keep their average monthly pace (× 12 / t).
    /// </summary>
    public static double Linear(double[,] cur, int t, int k)
    {
        var x = cur[t, k];
        if (k == (int)ForecastIndicator.Registered)
        {
            var start = double.IsNaN(cur[0, k]) ? x : cur[0, k];
            return Math.Max(0, x + (x - start) * (12 - t) / t);
        }
        return x * 12.0 / t;
    }

    /// <summary>Last year's shape: this year's value times last year's December / month-t ratio.</summary>
    public static double LastYear(double[,] cur, double[,]? prev, int t, int k)
    {
        if (prev is null || double.IsNaN(prev[12, k]) || double.IsNaN(prev[t, k]) || prev[t, k] <= 0) return double.NaN;
        return cur[t, k] * prev[12, k] / prev[t, k];
    }

    /// <summary>Seasonal naive: this year's value plus what last year added from month t to December.</summary>
    public static double Seasonal(double[,] cur, double[,]? prev, int t, int k)
    {
        if (prev is null || double.IsNaN(prev[12, k]) || double.IsNaN(prev[t, k])) return double.NaN;
        return Math.Max(0, cur[t, k] + prev[12, k] - prev[t, k]);
    }

    public static double Baseline(string method, double[,] cur, double[,]? prev, int t, int k) => method switch
    {
        LinearPace => Linear(cur, t, k),
        LastYearShape => LastYear(cur, prev, t, k),
        SeasonalNaive => Seasonal(cur, prev, t, k),
        _ => throw new ArgumentException($"Not a baseline: {method}"),
    };
}
