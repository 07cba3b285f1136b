namespace Navigator.Browser.Security;

/// <summary>Running totals of requests a session's policy refused (thread-safe).</summary>
public sealed class BlockedRequestCounters
{
    private long _navigations;
    private long _frames;
    private long _subresources;

    /// <summary>Refused top-level navigations (typed, clicked, redirected, popups).</summary>
    public long Navigations => Interlocked.Read(ref _navigations);

    /// <summary>Refused iframe documents.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Refused subresources (scripts, images, XHR/fetch, WebSocket, ...).</summary>
    public long Subresources => Interlocked.Read(ref _subresources);

    /// <summary>All refused requests.</summary>
    public long Total => Navigations + Frames + Subresources;

    internal void Count(NavigationBlockedEventArgs blocked)
    {
        Diagnostics.BrowserTelemetry.RecordRefusal(blocked);
        if (blocked.IsMainFrame)
        {
            Interlocked.Increment(ref _navigations);
        }
        else if (blocked.ResourceType == "Document")
        {
            Interlocked.Increment(ref _frames);
        }
        else
        {
            Interlocked.Increment(ref _subresources);
        }
    }
}
