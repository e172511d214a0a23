using System.Globalization;
using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Generation;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats generate --out DIR [--scale S] [--seed N] [--style realistic|plain]</c>: realistic exports of 杭州市 for 2024-01..10
/// (see <see cref="CityGenerator"/>); <c>--style plain</c> writes the same city as clean CSV. With <c>--persons N --records N</c> it writes the large, plain benchmark
/// files instead (see <see cref="BenchGenerator"/>). Needs no database.
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
        var today = TodayInShanghai(TimeProvider.System);

        if (persons is not null || records is not null)
        {
            args.RejectUnknown();
            var bench = new BenchGenerator(new BenchOptions(outDir, ParseCount("--persons", persons ?? "1000000"), ParseCount("--records", records ?? "10000000"), seed));
            foreach (var file in bench.Run())
                Console.Error.WriteLine($"generate: {file.Name,-32} {file.Rows,12:N0} rows");
            return 0;
        }

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

    private static long ParseCount(string name, string text) =>
        long.TryParse(text.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{name} expects a positive whole number, got '{text}'.");

    /// <summary>Today's date where the offices are: future dates are judged against it (CONTRACT §4).</summary>
    public static DateOnly TodayInShanghai(TimeProvider clock)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
