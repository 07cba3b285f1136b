using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Media;
using Navigator.Media.Recording;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>
/// Gives each room its <see cref="SessionMedia"/> (screencast, ghost cursor, recording) when its
/// browser starts, at the room's fps and viewport size; the session layer disposes it on close.
/// </summary>
public sealed class RoomMediaFactory
{
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates the factory; the recording options are validated here, so bad configuration fails at startup.</summary>
    public RoomMediaFactory(IOptions<RecordingOptions>? recording = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        Recording = recording?.Value ?? new RecordingOptions();
        Recording.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Where recordings go and how they are encoded.</summary>
    public RecordingOptions Recording { get; }

    /// <summary>Starts the room's capture (paused if the room is) and, when configured, its automatic recording.</summary>
    internal async Task<SessionMedia> StartAsync(string roomName, BrowserSession browser, RoomSessionState state, CancellationToken cancellationToken)
    {
        var screencast = new ScreencastOptions { Fps = state.Fps, MaxWidth = state.ViewportWidth, MaxHeight = state.ViewportHeight };
        var media = new SessionMedia(browser, roomName, screencast, Recording, _time, _loggerFactory);
        try
        {
            await media.StartAsync(state.Paused, cancellationToken);
            return media;
        }
        catch
        {
            await media.DisposeAsync();
            throw;
        }
    }
}
