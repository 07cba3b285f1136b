using System.Runtime.CompilerServices;
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
/// Gives each room a <see cref="RoomMediaComponent"/>, which builds the room's
/// <see cref="SessionMedia"/> (screencast, ghost cursor, recording) on each browser it gets, at the
/// room's fps and viewport size.
/// </summary>
public sealed class RoomMediaFactory : IRoomComponentFactory
{
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConditionalWeakTable<BrowserSession, SessionMedia> _byBrowser = [];

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

    /// <inheritdoc />
    public IRoomComponent Create(RoomSessionState state) => new RoomMediaComponent(this, state);

    /// <summary>The media started on <paramref name="browser"/>, if any (other room components use its frames and cursor).</summary>
    internal SessionMedia? MediaOf(BrowserSession browser) => _byBrowser.TryGetValue(browser, out var media) ? media : null;

    /// <summary>Starts the room's capture on <paramref name="browser"/> (paused if the room is) and, when configured, its automatic recording.</summary>
    internal async Task<SessionMedia> StartAsync(RoomSessionState state, BrowserSession browser, bool paused, CancellationToken cancellationToken)
    {
        var screencast = new ScreencastOptions { Fps = state.Fps, MaxWidth = state.ViewportWidth, MaxHeight = state.ViewportHeight };
        var media = new SessionMedia(browser, state.RoomName, screencast, Recording, _time, _loggerFactory);
        try
        {
            await media.StartAsync(paused, cancellationToken);
            _byBrowser.AddOrUpdate(browser, media);
            return media;
        }
        catch
        {
            await media.DisposeAsync();
            throw;
        }
    }
}
