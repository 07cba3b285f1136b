namespace Navigator.LiveKit;

/// <summary>Error codes of LiveKit streaming (stable, snake_case; shown in <c>stream_error</c> events and the session's streaming status).</summary>
public static class LiveKitErrorCodes
{
    /// <summary>The native core (livekit_ffi) could not be found or loaded.</summary>
    public const string NativeLibraryMissing = "livekit_native_missing";

    /// <summary>The native core answered a request with an error or an unexpected message.</summary>
    public const string NativeError = "livekit_native_error";

    /// <summary>The LiveKit server could not be reached or refused the connection (bad URL, bad or expired token).</summary>
    public const string ConnectFailed = "livekit_connect_failed";

    /// <summary>The server did not answer the connection in time.</summary>
    public const string ConnectTimeout = "livekit_connect_timeout";

    /// <summary>The track could not be published.</summary>
    public const string PublishFailed = "livekit_publish_failed";

    /// <summary>No token was given and the server has no API key and secret to mint one.</summary>
    public const string NoCredentials = "livekit_no_credentials";

    /// <summary>The room connection dropped and could not be restored.</summary>
    public const string Disconnected = "livekit_disconnected";
}
