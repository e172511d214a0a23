using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace VolunteerStats.Reports.Briefings;

/// <summary>
/// Where one briefing's time goes, for the debug log (<c>VOLSTATS_LOG=debug</c>): wall seconds of each phase, and the
/// process's CPU seconds while it ran (phases that run at the same time share the CPU figure, so read those as an
/// upper bound). LibreOffice is a child process: its CPU is not in these figures, only its wall time.
/// </summary>
public sealed class BriefingPhases
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _startCpu = Cpu();
    private readonly List<(string Name, double Start, double Wall, double Cpu)> _phases = [];
    private readonly Lock _lock = new();

    /// <summary>Times <paramref name="work"/> as the phase <paramref name="name"/>.</summary>
    public T Time<T>(string name, Func<T> work)
    {
        var (start, cpu) = (_watch.Elapsed.TotalSeconds, Cpu());
        try { return work(); }
        finally { Add(name, start, cpu); }
    }

    public void Time(string name, Action work) => Time(name, () => { work(); return 0; });

    public async Task<T> TimeAsync<T>(string name, Func<Task<T>> work)
    {
        var (start, cpu) = (_watch.Elapsed.TotalSeconds, Cpu());
        try { return await work(); }
        finally { Add(name, start, cpu); }
    }

    public Task TimeAsync(string name, Func<Task> work) => TimeAsync(name, async () => { await work(); return 0; });

    private void Add(string name, double start, TimeSpan cpu)
    {
        var wall = _watch.Elapsed.TotalSeconds - start;
        var used = (Cpu() - cpu).TotalSeconds;
        lock (_lock) _phases.Add((name, start, wall, used));
    }

    /// <summary>One line per phase in the order they started (start, wall, CPU), then the total.</summary>
    public void Log(ILogger logger, string what)
    {
        if (!logger.IsEnabled(LogLevel.Debug)) return;
        lock (_lock)
        {
            foreach (var p in _phases.OrderBy(p => p.Start))
                logger.LogDebug("{Briefing} phase {Phase}: from {Start:F2}s, wall {Wall:F2}s, cpu {Cpu:F2}s", what, p.Name, p.Start, p.Wall, p.Cpu);
        }
        logger.LogDebug("{Briefing} total: wall {Wall:F2}s, cpu {Cpu:F2}s (this process)", what, _watch.Elapsed.TotalSeconds, (Cpu() - _startCpu).TotalSeconds);
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
