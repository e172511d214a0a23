using System.Globalization;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Generation;
using VolunteerStats.Ingest;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats generate --out DIR [--scale S] [--seed N] [--style realistic|plain]</c>: realistic exports of 杭州市 for 2024-01..10
/// (see <see cref="CityGenerator"/>); <c>--style plain</c> writes the same city as clean CSV. With <c>--persons N --records N</c> it writes the large, plain benchmark
/// files instead (see <see cref="BenchGenerator"/>); with <c>--years 2021-2024 [--padding 0.005]</c> several years of monthly history with
/// seasonality, district trends, group events and labelled padding (see <see cref="HistoryGenerator"/>). Needs no database.
/// </summary>
public static class GenerateCommand
{
    public static int Run(ParsedArgs args)
    {
        var outDir = args.Get("--out") ?? throw new UsageException("generate needs --out DIR.");
        var seed = args.GetInt("--seed") ?? 1;
        var scaleText = args.Get("--scale", "1");
        if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > 1000)
            throw new UsageException($"--scale expects a number in (0, 1000], got '{scaleText}'.");
        var persons = args.Get("--persons");
        var records = args.Get("--records");
        var today = new LocalTimeOptions().Today(TimeProvider.System); // the contract's zone: the sample city is in it

        if (persons is not null || records is not null)
        {
            args.RejectUnknown();
            var bench = new BenchGenerator(new BenchOptions(outDir, ParseCount("--persons", persons ?? "1000000"), ParseCount("--records", records ?? "10000000"), seed));
            foreach (var file in bench.Run())
                Console.Error.WriteLine($"generate: {file.Name,-32} {file.Rows,12:N0} rows");
            return 0;
        }

        if (args.Get("--years") is { } years)
            return RunHistory(args, outDir, years, scale, seed, today);

        var plain = args.Choice("--style", "realistic", "realistic", "plain") == "plain";
        args.RejectUnknown();
        var generator = new CityGenerator(new GenerateOptions(outDir, scale, seed, today, plain));
        var files = generator.Run();
        foreach (var f in files)
        {
            var bad = f.Bad.Count == 0 ? "" : "  bad: " + string.Join(", ", f.Bad.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={b.Value}"));
            Console.Error.WriteLine($"generate: {f.Name,-24} {f.Rows,8:N0} rows{bad}");
        }
        Console.Error.WriteLine($"generate: {files.Count} files in {Path.GetFullPath(outDir)} (seed {seed}, scale {scale.ToString(CultureInfo.InvariantCulture)}, today {today:yyyy-MM-dd})");
        return 0;
    }

    /// <summary><c>--years FIRST-LAST [--padding SHARE]</c>: several years of monthly history (see <see cref="HistoryGenerator"/>).</summary>
    private static int RunHistory(ParsedArgs args, string outDir, string years, double scale, int seed, DateOnly today)
    {
        var parts = years.Split('-', 2);
        if (!int.TryParse(parts[0], out var first) || !int.TryParse(parts.Length > 1 ? parts[1] : parts[0], out var last)
            || first < 2000 || last < first || last > today.Year)
            throw new UsageException($"--years expects FIRST-LAST (e.g. 2021-2024, up to this year), got '{years}'.");
        var paddingText = args.Get("--padding", "0");
        if (!double.TryParse(paddingText, NumberStyles.Float, CultureInfo.InvariantCulture, out var padding) || padding is < 0 or > 0.2)
            throw new UsageException($"--padding expects a share in [0, 0.2] (0.005 = 0.5 %), got '{paddingText}'.");
        args.RejectUnknown();
        var files = new HistoryGenerator(new HistoryOptions(outDir, first, last, scale, seed, padding, today)).Run();
        foreach (var f in files)
            Console.Error.WriteLine($"generate: {f.Name,-32} {f.Rows,10:N0} rows");
        Console.Error.WriteLine($"generate: {files.Count} files in {Path.GetFullPath(outDir)} (years {first}-{last}, seed {seed}, scale {scale.ToString(CultureInfo.InvariantCulture)}, padding {padding.ToString(CultureInfo.InvariantCulture)})");
        return 0;
    }

    private static long ParseCount(string name, string text) =>
        long.TryParse(text.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{name} expects a positive whole number, got '{text}'.");
}
