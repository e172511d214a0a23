using Microsoft.Extensions.Logging;

namespace VolunteerStats.Dashboard.Hosting;

/// <summary>The console logging of both hosts, <c>./volstats</c>'s verbs and <c>./volstats serve</c>.</summary>
public static class ConsoleLoggingExtensions
{
    /// <summary>
    /// Replaces the default providers with one console logger that writes every level to standard error, so that
    /// standard output carries only a verb's own output (CONTRACT §6), and logs from <paramref name="minimum"/> up.
    /// Levels are set in code, not in a settings file.
    /// </summary>
    public static ILoggingBuilder AddVolunteerStatsConsole(this ILoggingBuilder logging, LogLevel minimum)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging.SetMinimumLevel(minimum);
    }
}
