namespace Navigator.LiveKit.ServerTests;

/// <summary>
/// A test that needs a real LiveKit server: skipped, with the reason in the test report, unless
/// LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET are set (e.g. <c>livekit-server --dev</c>:
/// ws://127.0.0.1:7880, devkey, secret).
/// </summary>
public sealed class LiveKitServerFactAttribute : FactAttribute
{
    /// <summary>The variables the test reads.</summary>
    public static readonly string[] Variables = ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"];

    public LiveKitServerFactAttribute()
    {
        var missing = Variables.Where(name => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Not run: no real LiveKit server configured ({string.Join(", ", missing)} not set). "
                + "Set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to run it (see docs/media.md, Testing against a real LiveKit server).";
        }
    }
}
