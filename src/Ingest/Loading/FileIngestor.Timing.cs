using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace VolunteerStats.Ingest.Loading;

/// <summary>The phases of one file's ingest, timed for the debug log (see <c>FileIngestor.cs</c>).</summary>
public sealed partial class FileIngestor
{
    /// <summary>
    /// Wall and CPU time at the end of each phase. CPU seconds beside wall seconds: on a shared machine they show
    /// what a phase costs whatever the load. "refreshed" is the observers' share (the monthly indicators), before
    /// and after the apply; "merged" is the rest of the transaction.
    /// </summary>
    private sealed class Phases(Stopwatch watch)
    {
        private readonly TimeSpan _startCpu = Cpu();
        private (TimeSpan Wall, TimeSpan Cpu) _fingerprinted, _staged, _compared, _beforeApply, _kept, _merged, _observed;

        private long _fingerprints;

        public void Fingerprinted(long stored)
        {
            _fingerprinted = Now();
            _fingerprints = stored;
        }

        public void Staged() => _staged = Now();
        public void Compared() => _compared = Now();
        public void ObservedBeforeApply() => _beforeApply = Now();
        public void Kept() => _kept = Now();
        public void Merged() => _merged = Now();
        public void Observed() => _observed = Now();

        public void Log(ILogger logger, string name)
        {
            if (!logger.IsEnabled(LogLevel.Debug)) return;
            var observersBefore = (Wall: _beforeApply.Wall - _compared.Wall, Cpu: _beforeApply.Cpu - _compared.Cpu);
            logger.LogDebug("{File}: fingerprints of {Stored} stored rows read by {Fingerprinted:F2}s, staged by {Staged:F2}s (cpu {StagedCpu:F1}s); merged {Merged:F2}s (cpu {MergedCpu:F1}s: " +
                "outcomes {Compared:F2}s, history {Kept:F2}s, apply {Applied:F2}s), refreshed {Refreshed:F2}s (cpu {RefreshedCpu:F1}s), committed {Committed:F2}s",
                name, _fingerprints, _fingerprinted.Wall.TotalSeconds, _staged.Wall.TotalSeconds, (_staged.Cpu - _startCpu).TotalSeconds,
                (_merged.Wall - _staged.Wall - observersBefore.Wall).TotalSeconds, (_merged.Cpu - _staged.Cpu - observersBefore.Cpu).TotalSeconds,
                (_compared.Wall - _staged.Wall).TotalSeconds, (_kept.Wall - _beforeApply.Wall).TotalSeconds, (_merged.Wall - _kept.Wall).TotalSeconds,
                (_observed.Wall - _merged.Wall + observersBefore.Wall).TotalSeconds, (_observed.Cpu - _merged.Cpu + observersBefore.Cpu).TotalSeconds,
                (watch.Elapsed - _observed.Wall).TotalSeconds);
        }

        private (TimeSpan, TimeSpan) Now() => (watch.Elapsed, Cpu());

        private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
    }
}
