using VolunteerStats.Cli.CommandLine;
using VolunteerStats.Dashboard;

namespace VolunteerStats.Cli.Commands;

/// <summary>
/// <c>./volstats serve [--urls URL] [--data DIR] [--db PATH] [--no-sample] [--storage inmemory|postgres --pg CONN]</c>:
/// the server owning the database, its inbox and its Hangfire jobs, until Ctrl+C.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, string dbPath)
    {
        var urls = args.Get("--urls", "http://127.0.0.1:5080");
        var data = Path.GetFullPath(args.Get("--data") ?? Dashboard.Hosting.ServerOptions.DefaultDataDirectory());
        // The database lives in the data folder unless --db or VOLSTATS_DB say otherwise.
        var explicitDb = args.Has("--db") || Environment.GetEnvironmentVariable("VOLSTATS_DB") is { Length: > 0 };
        var database = explicitDb ? dbPath : Path.Combine(data, "volstats.duckdb");
        var storage = args.Choice("--storage", "inmemory", "inmemory", "postgres");
        var pg = args.Get("--pg");
        if (storage == "postgres" && string.IsNullOrWhiteSpace(pg))
            throw new UsageException("serve: --storage postgres needs --pg \"Host=…;Port=…;Username=…;Database=…\".");
        var noSample = args.Has("--no-sample");
        args.RejectUnknown();

        try
        {
            return await ServerHost.RunAsync(new ServeSettings(urls, data, database, !noSample, storage, pg));
        }
        catch (IOException e) when (e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on {urls}: {e.Message} Is another server running? Pass --urls http://127.0.0.1:PORT.");
            return 2;
        }
    }
}
