namespace VolunteerStats.Dashboard.Hosting;

/// <summary>Whether the server has finished starting (database open, sample loaded, jobs registered): <c>GET /health</c>.</summary>
public sealed class ServerReadiness
{
    private volatile bool _ready;
    public bool IsReady => _ready;
    internal void MarkReady() => _ready = true;

    /// <summary>Why the start failed (the server then stops), or null.</summary>
    public Exception? Failure { get; private set; }
    internal void Fail(Exception e) => Failure = e;
}
