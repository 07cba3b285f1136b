namespace Navigator.Browser;

/// <summary>What died.</summary>
public enum BrowserCrashKind
{
    /// <summary>The whole browser process exited.</summary>
    BrowserProcess,

    /// <summary>A page's renderer process crashed.</summary>
    Renderer,
}

/// <summary>Describes a crash of the browser or of one page.</summary>
public sealed class BrowserCrashedEventArgs(BrowserCrashKind kind, string message, string? targetId) : EventArgs
{
    /// <summary>What died.</summary>
    public BrowserCrashKind Kind { get; } = kind;

    /// <summary>Human-readable cause.</summary>
    public string Message { get; } = message;

    /// <summary>The crashed page's target id, for renderer crashes.</summary>
    public string? TargetId { get; } = targetId;
}
