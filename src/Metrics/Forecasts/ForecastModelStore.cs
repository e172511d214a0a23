using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DuckDB.NET.Data;
using VolunteerStats.Ingest.Storage;

namespace VolunteerStats.Metrics.Forecasts;

/// <summary>
/// Trained forecast models beside the database, in <c>DB.models/forecast-YEAR-FINGERPRINT/</c>: the ML.NET models
/// (<c>model-K.zip</c>), the backtest (<c>backtest.json</c>) and <c>meta.json</c> with the training date. The
/// fingerprint is the data version (<see cref="DataVersion"/>: the files ingested and the last refresh of the monthly table), so a model is current
/// exactly until the next ingest. Files rather than a table: the CLI reads a server-owned database through its
/// read-only snapshot and could not store a model in it.
/// </summary>
public sealed class ForecastModelStore(Database database)
{
    /// <summary>Bumped whenever features or methods change, so that older models are not reused.</summary>
    private const int Version = 3;

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private sealed record Meta(int Version, int Year, string Fingerprint, DateTimeOffset TrainedAt, int[] TrainingYears, int[] HeldOutYears);

    public string Root => database.Path + ".models";

    public static string Fingerprint(DuckDBConnection connection)
    {
        var text = $"{Version}|{DataVersion.Read(connection).Value}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private string Dir(int year, string fingerprint) => Path.Combine(Root, $"forecast-{year}-{fingerprint}");

    public ForecastTraining? TryLoad(int year, string fingerprint)
    {
        var dir = Dir(year, fingerprint);
        try
        {
            var metaPath = Path.Combine(dir, "meta.json");
            if (!File.Exists(metaPath)) return null;
            var meta = JsonSerializer.Deserialize<Meta>(File.ReadAllText(metaPath), Json);
            if (meta is null || meta.Version != Version) return null;
            var points = JsonSerializer.Deserialize<List<BacktestPoint>>(File.ReadAllText(Path.Combine(dir, "backtest.json")), Json) ?? [];
            var model = meta.TrainingYears.Length > 0 ? ForecastModel.Load(dir, ForecastHistory.Indicators) : null;
            return new ForecastTraining(year, meta.TrainedAt, meta.TrainingYears, meta.HeldOutYears, points, model);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return null; // an unreadable model is retrained, never trusted
        }
    }

    /// <summary>Stores a training; returns false (and keeps nothing half-written) when the folder cannot be written.</summary>
    public bool TrySave(ForecastTraining training, string fingerprint)
    {
        var dir = Dir(training.Year, fingerprint);
        var temp = dir + ".tmp-" + Environment.ProcessId;
        try
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, true);
            Directory.CreateDirectory(temp);
            training.Model?.Save(temp);
            File.WriteAllText(Path.Combine(temp, "backtest.json"), JsonSerializer.Serialize(training.Points, Json));
            File.WriteAllText(Path.Combine(temp, "meta.json"), JsonSerializer.Serialize(
                new Meta(Version, training.Year, fingerprint, training.TrainedAt, training.TrainingYears, training.HeldOutYears), Json));
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            Directory.Move(temp, dir);
            // Models of older data are of no further use.
            foreach (var old in Directory.GetDirectories(Root, $"forecast-{training.Year}-*"))
                if (old != dir && !old.Contains(".tmp-", StringComparison.Ordinal)) Directory.Delete(old, true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { if (Directory.Exists(temp)) Directory.Delete(temp, true); } catch (IOException) { }
            return false;
        }
    }
}
