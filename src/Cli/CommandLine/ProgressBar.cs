using VolunteerStats.Ingest.Loading;
using VolunteerStats.Metrics.Output;

namespace VolunteerStats.Cli.CommandLine;

/// <summary>A one-line progress bar on standard error (rows, rows/s, ETA), only when it is a terminal; erased when done.</summary>
public sealed class ProgressBar : IProgress<IngestProgress>, IDisposable
{
    private int _drawnWidth;

    public static ProgressBar? ForTerminal() => Console.IsErrorRedirected ? null : new ProgressBar();

    public void Report(IngestProgress p)
    {
        var fraction = p.BytesTotal > 0 && p.BytesRead > 0 ? Math.Min(1.0, (double)p.BytesRead / p.BytesTotal) : 0;
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Rows / p.Elapsed.TotalSeconds : 0;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
        const int width = 30;
        var filled = (int)(fraction * width);
        var line = $"{p.File} [{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {p.Rows:N0} rows {rate:N0}/s ETA {eta:mm\\:ss}";
        var shown = TextTable.Width(line);
        Console.Error.Write("\r" + line + new string(' ', Math.Max(0, _drawnWidth - shown)));
        _drawnWidth = Math.Max(_drawnWidth, shown);
    }

    /// <summary>Erases the bar, so that the summary line that follows starts on a clean line.</summary>
    public void Dispose()
    {
        if (_drawnWidth > 0) Console.Error.Write("\r" + new string(' ', _drawnWidth) + "\r");
    }
}
