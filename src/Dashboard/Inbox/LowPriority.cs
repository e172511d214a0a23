using System.Runtime.InteropServices;

namespace VolunteerStats.Dashboard.Inbox;

/// <summary>
/// Lowers the scheduling priority of the calling thread alone (Linux: <c>setpriority</c> on its thread id), for a
/// dedicated thread that runs background work. Never for a thread-pool thread: an unprivileged process cannot raise
/// a priority back, and the pool's threads serve the requests. Elsewhere, or when the call fails, nothing changes.
/// </summary>
internal static class LowPriority
{
    private const int PrioProcess = 0;

    /// <summary>Sets the calling thread's niceness to <paramref name="nice"/> (when higher than now); whether it did.</summary>
    public static bool TryLowerCurrentThread(int nice)
    {
        if (nice <= 0 || !OperatingSystem.IsLinux() || Thread.CurrentThread.IsThreadPoolThread) return false;
        try
        {
            var tid = gettid();
            return setpriority(PrioProcess, (uint)tid, nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: no unsafe code in the project for two blittable calls.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, uint who, int prio);

    [DllImport("libc")]
    private static extern int gettid();
#pragma warning restore SYSLIB1054
}
