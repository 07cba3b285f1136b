namespace Navigator.Tools.Sessions;

/// <summary>What the background warm-up of the browser pool has done so far (for health checks).</summary>
public sealed class BrowserPoolStatus
{
    private volatile string _state = "cold";
    private volatile string? _error;

    /// <summary>cold, warming, ready or failed.</summary>
    public string State => _state;

    /// <summary>Why warming failed.</summary>
    public string? Error => _error;

    internal void SetWarming() => _state = "warming";

    internal void SetReady()
    {
        _error = null;
        _state = "ready";
    }

    internal void SetFailed(string error)
    {
        _error = error;
        _state = "failed";
    }
}
