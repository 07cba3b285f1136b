using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Navigator.LiveKit.Ffi;
using Navigator.LiveKit.Tokens;

namespace Navigator.LiveKit.Streaming;

/// <summary>
/// Starts sessions' LiveKit streams: loads the native core on first use (a missing core fails
/// that stream, not the service), and takes the session's token or mints one with the configured
/// API key and secret.
/// </summary>
public sealed class LiveKitStreaming
{
    private readonly LiveKitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly LiveKitTokenMinter? _minter;

    /// <summary>Creates the service; the options are validated here, so bad configuration fails at startup.</summary>
    public LiveKitStreaming(IOptions<LiveKitOptions>? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options?.Value ?? new LiveKitOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _minter = _options.CanMintTokens ? new LiveKitTokenMinter(_options.ApiKey!, _options.ApiSecret!, _time) : null;
    }

    /// <summary>The configuration in use.</summary>
    public LiveKitOptions Options => _options;

    /// <summary>
    /// A started streamer publishing <paramref name="roomName"/>'s session to <paramref name="url"/>
    /// (the <paramref name="token"/> given, or a minted one). When the core cannot load or no token
    /// can be had, the streamer is already <see cref="LiveKitStreamStates.Failed"/> with the reason.
    /// </summary>
    public LiveKitStreamer Start(string roomName, string url, string? token, int width, int height, int fps, bool paused)
    {
        var logger = _loggerFactory.CreateLogger<LiveKitStreamer>();
        string? failure = null;
        string code = LiveKitErrorCodes.NoCredentials;
        var accessToken = token ?? _minter?.MintPublisherToken(roomName, _options.ParticipantIdentity, _options.TokenLifetime);
        if (accessToken is null)
        {
            failure = "livekit_url was given without livekit_token, and the server has no LiveKit:ApiKey/ApiSecret to mint one";
        }

        LiveKitFfiClient? ffi = null;
        if (failure is null)
        {
            try
            {
                ffi = LiveKitFfiClient.Open(_options.ResolveLibraryPath(), _options.ResolveNapiStubPath(), _loggerFactory);
            }
            catch (LiveKitException ex)
            {
                (code, failure) = (ex.Code, ex.Message);
            }
        }

        var settings = new LiveKitPublishSettings { Url = url, Token = accessToken ?? "", Width = width, Height = height, Fps = fps };
        var streamer = new LiveKitStreamer(ffi, roomName, settings, _options, paused, _time, logger);
        if (failure is not null)
        {
            streamer.Fail(new LiveKitException(code, failure));
        }
        else
        {
            streamer.Start();
        }

        return streamer;
    }
}
