using VolunteerStats.Dashboard.Inbox;

namespace VolunteerStats.Dashboard.Tests.Inbox;

/// <summary>The inbox's ingest thread lowers its own priority, and never a pool thread's (those serve the requests).</summary>
public sealed class LowPriorityTests
{
    /// <summary>The niceness of the calling thread, from <c>/proc/thread-self/stat</c> (field 19).</summary>
    private static int Niceness()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void TryLowerCurrentThread_LowersOnlyThatThread_WhenItIsADedicatedThread()
    {
        if (!OperatingSystem.IsLinux() || Niceness() != 0) return; // per-thread niceness is Linux's; a niced runner cannot compare
        (bool Lowered, int Nice) inside = default;
        var thread = new Thread(() => inside = (LowPriority.TryLowerCurrentThread(10), Niceness()));
        thread.Start();
        thread.Join();

        Assert.Equal((true, 10), inside);
        Assert.Equal(0, Niceness()); // this thread, of the same process, is as it was
    }

    [Fact]
    public async Task TryLowerCurrentThread_LeavesAPoolThreadAlone()
    {
        if (!OperatingSystem.IsLinux() || Niceness() != 0) return;
        var (lowered, nice) = await Task.Run(() => (LowPriority.TryLowerCurrentThread(10), Niceness()));

        Assert.False(lowered);
        Assert.Equal(0, nice);
    }
}
