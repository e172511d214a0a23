using System.Globalization;

// Usage (from the repository root; bench/ml/report.sh runs these):
//   dotnet run -c Release --project bench/ml/MlReport -- forecast  docs/forecast.md  [--years 2019-2024] [--scale 1] [--seed 11]
//   dotnet run -c Release --project bench/ml/MlReport -- anomalies docs/anomalies.md [--scale 2] [--seed 21] [--bench-scale 87]
//   dotnet run -c Release --project bench/ml/MlReport -- bench [--scale 105] [--seed 21] [--repeats 1]   # speed only, Markdown on stdout
// Generated data goes to bench/out/ml/.
var inv = CultureInfo.InvariantCulture;
string Opt(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
var work = Path.GetFullPath(Opt("--work", Path.Combine("bench", "out", "ml")));
Directory.CreateDirectory(work);
switch (args.ElementAtOrDefault(0))
{
    case "forecast":
    {
        var years = Opt("--years", "2019-2024").Split('-');
        ForecastReport.Write(args[1], work, int.Parse(years[0], inv), int.Parse(years[1], inv),
            double.Parse(Opt("--scale", "1"), inv), int.Parse(Opt("--seed", "11"), inv));
        return 0;
    }
    case "anomalies":
        AnomalyReport.Write(args[1], work, double.Parse(Opt("--scale", "2"), inv), int.Parse(Opt("--seed", "21"), inv),
            double.Parse(Opt("--bench-scale", "0"), inv));
        return 0;
    case "bench":
        BenchReport.Run(work, double.Parse(Opt("--scale", "105"), inv), int.Parse(Opt("--seed", "21"), inv), int.Parse(Opt("--forecast-seed", "11"), inv),
            int.Parse(Opt("--repeats", "1"), inv), Opt("--only", "both"));
        return 0;
    default:
        Console.Error.WriteLine("usage: MlReport forecast|anomalies OUT.md [options]");
        return 64;
}
