namespace Navigator.LiveKit;

/// <summary>How sessions stream into LiveKit rooms (configuration section <c>LiveKit</c>).</summary>
public sealed class LiveKitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "LiveKit";

    /// <summary>The stub library's file name, looked for beside the core when <see cref="NapiStubPath"/> is not set.</summary>
    public const string NapiStubFileName = "liblivekit_napi_stub.so";

    /// <summary>
    /// LiveKit's native core, <c>liblivekit_ffi.so</c> (from LiveKit's rust-sdks releases, or the one
    /// scripts/setup.sh takes from npm); default: <c>livekit/liblivekit_ffi.so</c> beside the application.
    /// </summary>
    public string? FfiLibraryPath { get; set; }

    /// <summary>
    /// A library defining the N-API names the npm build of the core links against, loaded first;
    /// default: <see cref="NapiStubFileName"/> beside the core when it exists (a release build needs none).
    /// </summary>
    public string? NapiStubPath { get; set; }

    /// <summary>API key for minting tokens when a session gives a LiveKit URL without a token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API secret paired with <see cref="ApiKey"/>.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>How long a minted token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The identity the service joins rooms with.</summary>
    public string ParticipantIdentity { get; set; } = "navigator-browser";

    /// <summary>The published track's name.</summary>
    public string TrackName { get; set; } = "browser";

    /// <summary>Video codec: vp8 or h264.</summary>
    public string VideoCodec { get; set; } = "vp8";

    /// <summary>Most bits per second the encoder may send.</summary>
    public int MaxBitrate { get; set; } = 2_000_000;

    /// <summary>How long connecting and publishing may take before the attempt counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Wait before the first reconnect after a dropped connection; doubles per failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest gap between two cursor messages on the data topic (10 ms to 1 s). Default 50 ms.</summary>
    public TimeSpan CursorInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether a participant of the LiveKit room may take control of the browser over the control topic (as in the live view). Default true.</summary>
    public bool ParticipantControl { get; set; } = true;

    /// <summary>The core's path, resolved against the application folder.</summary>
    public string ResolveLibraryPath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(FfiLibraryPath) ? Path.Combine("livekit", "liblivekit_ffi.so") : FfiLibraryPath, AppContext.BaseDirectory);

    /// <summary>The stub's path, or null when none is configured or found beside the core.</summary>
    public string? ResolveNapiStubPath()
    {
        if (!string.IsNullOrWhiteSpace(NapiStubPath))
        {
            return Path.GetFullPath(NapiStubPath, AppContext.BaseDirectory);
        }

        var beside = Path.Combine(Path.GetDirectoryName(ResolveLibraryPath())!, NapiStubFileName);
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>True when tokens can be minted here.</summary>
    public bool CanMintTokens => !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(ApiSecret);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ApiKey) != string.IsNullOrEmpty(ApiSecret))
        {
            throw new ArgumentException("LiveKit:ApiKey and LiveKit:ApiSecret must be given together", nameof(ApiKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLifetime, TimeSpan.FromMinutes(1), nameof(TokenLifetime));
        ArgumentException.ThrowIfNullOrWhiteSpace(ParticipantIdentity, nameof(ParticipantIdentity));
        ArgumentException.ThrowIfNullOrWhiteSpace(TrackName, nameof(TrackName));
        if (VideoCodec is not ("vp8" or "h264"))
        {
            throw new ArgumentException($"LiveKit:VideoCodec must be vp8 or h264, not '{VideoCodec}'", nameof(VideoCodec));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBitrate, 100_000, nameof(MaxBitrate));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectDelay, TimeSpan.Zero, nameof(ReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, ReconnectDelay, nameof(MaxReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(CursorInterval, TimeSpan.FromMilliseconds(10), nameof(CursorInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CursorInterval, TimeSpan.FromSeconds(1), nameof(CursorInterval));
    }
}
