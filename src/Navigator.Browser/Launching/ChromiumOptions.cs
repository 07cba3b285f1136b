namespace Navigator.Browser.Launching;

/// <summary>How to find and start Chromium.</summary>
public sealed class ChromiumOptions
{
    /// <summary>Explicit executable; when null, <see cref="ChromiumLocator"/> searches.</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Run without a window (the only mode this service is tested in).</summary>
    public bool Headless { get; set; } = true;

    /// <summary>CDP transport.</summary>
    public ChromiumTransportKind Transport { get; set; } = ChromiumTransportKind.Pipe;

    /// <summary>Initial window size; pages also get a viewport override per session.</summary>
    public int WindowWidth { get; set; } = 1280;

    /// <summary>Initial window height.</summary>
    public int WindowHeight { get; set; } = 720;

    /// <summary>Where temporary profiles go; defaults to the system temp folder.</summary>
    public string? ProfileRoot { get; set; }

    /// <summary>
    /// Chromium host resolver rules (<c>--host-resolver-rules</c>), e.g. <c>"MAP *.test 127.0.0.1"</c>.
    /// Sessions with a navigation policy send their traffic through an egress proxy, for which
    /// Chromium no longer resolves names itself; the proxy applies these same rules
    /// (<see cref="Security.HostResolverRules"/>). A <c>--host-resolver-rules=</c> switch in
    /// <see cref="ExtraArguments"/> is honoured the same way and wins over this property.
    /// </summary>
    public string? HostResolverRules { get; set; }

    /// <summary>Extra command line switches appended after ours.</summary>
    public IList<string> ExtraArguments { get; } = [];

    /// <summary>
    /// Lets WebRTC send UDP (STUN, media) directly. Off by default: those packets would go around
    /// the sessions' egress proxy and policy; WebRTC then uses proxied TCP only
    /// (profile preference <c>webrtc.ip_handling_policy = disable_non_proxied_udp</c>).
    /// </summary>
    public bool AllowWebRtcUdp { get; set; }

    /// <summary>How long Chromium may take to answer its first command.</summary>
    public TimeSpan LaunchTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Default CDP command timeout.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest JavaScript heap of one renderer, in megabytes (V8's old space); a page that needs
    /// more crashes its own renderer (reported as a crash) instead of taking the host's memory.
    /// Zero leaves V8's default.
    /// </summary>
    public int MaxRendererHeapMegabytes { get; set; } = 1024;
}
