using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Navigator.Browser.Media;
using Navigator.LiveKit.Ffi;
using Navigator.LiveKit.Proto;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Navigator.Media;
using Navigator.Media.Cursor;

namespace Navigator.LiveKit.Streaming;

/// <summary>
/// Streams one session into its LiveKit room as a screen share: connects and publishes in the
/// background, then on every tick of the session's fps hands LiveKit the newest screencast frame
/// with the ghost cursor painted in (the last one again while the page is still). The core rides
/// out short drops itself; when it gives the room up, this connects and publishes again with a
/// growing delay. A failure to connect at all is reported and not retried. Never throws into the
/// session: every failure becomes <see cref="Status"/> and a <see cref="StatusChanged"/> call.
/// Beside the video it sends the agent's pointer on <see cref="LiveKitDataTopics.Cursor"/> and
/// hands what participants send on <see cref="LiveKitDataTopics.Control"/> to <see cref="ParticipantSignals"/>.
/// </summary>
public sealed partial class LiveKitStreamer : IAsyncDisposable
{
    private readonly LiveKitFfiClient? _ffi;
    private readonly LiveKitPublishSettings _settings;
    private readonly LiveKitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _roomName;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sync = new();
    private readonly LiveKitCursorFeed _cursor;
    private readonly Channel<LiveKitParticipantSignal> _signals = Channel.CreateBounded<LiveKitParticipantSignal>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Participants that sent control commands on the current connection (touched by the event loop only).
    private readonly HashSet<string> _controllers = new(StringComparer.Ordinal);
    private Task? _run;
    private Task? _cursorRun;
    private FrameFeed? _feed;
    private LiveKitRoomConnection? _connection;
    private LiveKitStreamStatus _status;
    private long _framesSent;
    private int _reconnects;
    private int _coreReconnects;
    private volatile bool _paused;

    internal LiveKitStreamer(LiveKitFfiClient? ffi, string roomName, LiveKitPublishSettings settings, LiveKitOptions options, bool paused, TimeProvider time, ILogger logger)
    {
        _ffi = ffi;
        _roomName = roomName;
        _settings = settings;
        _options = options;
        _paused = paused;
        _time = time;
        _logger = logger;
        _status = new LiveKitStreamStatus { State = LiveKitStreamStates.Connecting, Url = settings.Url };
        _cursor = new LiveKitCursorFeed(settings.Width, settings.Height, time);
    }

    /// <summary>Where the room's actions report the agent's pointer; it goes to the room on <see cref="LiveKitDataTopics.Cursor"/>.</summary>
    public ICursorTrack Cursor => _cursor;

    /// <summary>
    /// Participants' takeover commands and departures, in order; completes when the streamer stops.
    /// A reader that falls 256 behind loses the newest ones.
    /// </summary>
    public ChannelReader<LiveKitParticipantSignal> ParticipantSignals => _signals.Reader;

    /// <summary>Sends <paramref name="json"/> on <see cref="LiveKitDataTopics.Control"/> to <paramref name="identity"/> only; false when not connected.</summary>
    public async Task<bool> ReplyAsync(string identity, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is not { } connection)
        {
            return false;
        }

        try
        {
            await connection.PublishDataAsync(json, LiveKitDataTopics.Control, reliable: true, identity, cancellationToken);
            return true;
        }
        catch (LiveKitException ex)
        {
            LogDataFailed(_logger, _roomName, LiveKitDataTopics.Control, ex);
            return false;
        }
    }

    /// <summary>What the stream is doing now.</summary>
    public LiveKitStreamStatus Status
    {
        get
        {
            lock (_sync)
            {
                return WithCounters(_status);
            }
        }
    }

    /// <summary>Frames handed to LiveKit so far.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>The state changed; <c>failed</c> and <c>reconnecting</c> carry the error. Called on the streamer's loop; must not block.</summary>
    public event Action<LiveKitStreamStatus>? StatusChanged;

    /// <summary>Starts connecting and publishing in the background (frames flow once a source is attached).</summary>
    public void Start()
    {
        lock (_sync)
        {
            if (_ffi is not null)
            {
                _run ??= Task.Run(() => RunAsync(_stop.Token));
                _cursorRun ??= Task.Run(() => SendCursorAsync(_stop.Token));
            }
        }
    }

    /// <summary>Marks the stream failed before it started (no core, no token).</summary>
    internal void Fail(LiveKitException error)
    {
        LogConnectFailed(_logger, _roomName, error.Code, error.Message);
        Report(LiveKitStreamStates.Failed, error);
    }

    /// <summary>Takes frames from <paramref name="source"/> with <paramref name="cursor"/> painted in, from now on (a recovered browser brings a new source).</summary>
    public void Attach(ScreencastSource source, GhostCursor cursor) =>
        Interlocked.Exchange(ref _feed, new FrameFeed(source, source.Subscribe(), cursor))?.Frames.Dispose();

    /// <summary>Stops taking frames (the browser is going); the last frame repeats until the next <see cref="Attach"/>.</summary>
    public void Detach() => Interlocked.Exchange(ref _feed, null)?.Frames.Dispose();

    /// <summary>Mutes the track and stops sending frames (<paramref name="paused"/>), or unmutes and sends again.</summary>
    public void SetPaused(bool paused)
    {
        _paused = paused;
        var connection = Volatile.Read(ref _connection);
        if (connection is null)
        {
            return;
        }

        try
        {
            connection.SetMuted(paused);
        }
        catch (LiveKitException ex)
        {
            LogMuteFailed(_logger, _roomName, ex);
        }

        Report(paused ? LiveKitStreamStates.Paused : LiveKitStreamStates.Live, null);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = _options.ReconnectDelay;
        var everConnected = false;
        while (!stop.IsCancellationRequested)
        {
            LiveKitRoomConnection connection;
            try
            {
                connection = await ConnectAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (LiveKitException ex)
            {
                if (!everConnected)
                {
                    // The URL or token is wrong (or the server is down): say so once; recovering the session tries again.
                    LogConnectFailed(_logger, _roomName, ex.Code, ex.Message);
                    Report(LiveKitStreamStates.Failed, ex);
                    return;
                }

                LogReconnectFailed(_logger, _roomName, ex.Message, delay.TotalSeconds);
                Report(LiveKitStreamStates.Reconnecting, ex);
                if (!await DelayAsync(delay, stop))
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                continue;
            }

            if (everConnected)
            {
                Interlocked.Increment(ref _reconnects);
            }

            everConnected = true;
            delay = _options.ReconnectDelay;
            var lost = await StreamAsync(connection, stop);
            Volatile.Write(ref _connection, null);
            await connection.DisposeAsync();
            if (lost is null)
            {
                break;
            }

            LogConnectionLost(_logger, _roomName, lost.Message);
            Report(LiveKitStreamStates.Reconnecting, lost);
        }

        Report(LiveKitStreamStates.Stopped, null);
    }

    private async Task<LiveKitRoomConnection> ConnectAsync(CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(_options.ConnectTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var connection = await LiveKitRoomConnection.ConnectAsync(_ffi!, _settings, _options, timeout.Token);
            LiveKitMetrics.ConnectTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (_paused)
            {
                connection.SetMuted(true);
            }

            Volatile.Write(ref _connection, connection);
            lock (_sync)
            {
                _status = _status with { TrackSid = connection.TrackSid };
            }

            LogPublished(_logger, _roomName, connection.RoomName, connection.TrackSid);
            Report(_paused ? LiveKitStreamStates.Paused : LiveKitStreamStates.Live, null);
            return connection;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new LiveKitException(LiveKitErrorCodes.ConnectTimeout, $"LiveKit at {_settings.Url} did not accept the connection and the track within {_options.ConnectTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Sends frames until the room is given up (the reason) or the streamer stops (null).</summary>
    private async Task<LiveKitException?> StreamAsync(LiveKitRoomConnection connection, CancellationToken stop)
    {
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var frames = Task.Run(() => SendFramesAsync(connection, connected.Token), CancellationToken.None);
        LiveKitException? lost = null;
        try
        {
            await foreach (var (roomEvent, payload) in connection.Events.ReadAllAsync(stop))
            {
                switch (roomEvent.MessageCase)
                {
                    case RoomEvent.MessageOneofCase.DataPacketReceived:
                        OnData(roomEvent.DataPacketReceived, payload);
                        break;
                    case RoomEvent.MessageOneofCase.ParticipantDisconnected:
                        OnParticipantLeft(roomEvent.ParticipantDisconnected.ParticipantIdentity);
                        break;
                    case RoomEvent.MessageOneofCase.Reconnecting:
                        Report(LiveKitStreamStates.Reconnecting, new LiveKitException(LiveKitErrorCodes.Disconnected, "The connection to LiveKit dropped; reconnecting"));
                        break;
                    case RoomEvent.MessageOneofCase.Reconnected:
                        // The core restored the connection itself (resumed, or joined again and republished).
                        Interlocked.Increment(ref _coreReconnects);
                        Report(_paused ? LiveKitStreamStates.Paused : LiveKitStreamStates.Live, null);
                        break;
                    case RoomEvent.MessageOneofCase.Disconnected:
                        lost = new LiveKitException(LiveKitErrorCodes.Disconnected, $"LiveKit closed the room connection ({roomEvent.Disconnected.Reason}); reconnecting");
                        break;
                }

                if (lost is not null)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }

        await connected.CancelAsync();
        await frames;

        // Commands of this connection's participants can no longer arrive: they lose what they held.
        foreach (var identity in _controllers)
        {
            _signals.Writer.TryWrite(new LiveKitParticipantSignal(identity, null));
        }

        _controllers.Clear();
        return stop.IsCancellationRequested ? null : lost ?? new LiveKitException(LiveKitErrorCodes.Disconnected, "The room's events ended; reconnecting");
    }

    private void OnData(DataPacketReceived packet, byte[]? payload)
    {
        // A packet of a participant the core does not know has no identity to answer or hold control with.
        if (packet.User is not { Topic: LiveKitDataTopics.Control } || payload is null || packet.ParticipantIdentity.Length == 0)
        {
            return;
        }

        _controllers.Add(packet.ParticipantIdentity);
        if (!_signals.Writer.TryWrite(new LiveKitParticipantSignal(packet.ParticipantIdentity, payload)))
        {
            LogSignalDropped(_logger, _roomName, packet.ParticipantIdentity);
        }
    }

    private void OnParticipantLeft(string identity)
    {
        if (_controllers.Remove(identity))
        {
            _signals.Writer.TryWrite(new LiveKitParticipantSignal(identity, null));
        }
    }

    /// <summary>Sends the cursor's messages while connected and not paused, at most one per <see cref="LiveKitOptions.CursorInterval"/> (clicks are never merged away).</summary>
    private async Task SendCursorAsync(CancellationToken stop)
    {
        var batch = new List<LiveKitCursorMessage>();
        try
        {
            while (await _cursor.Messages.WaitToReadAsync(stop))
            {
                batch.Clear();
                while (_cursor.Messages.TryRead(out var message))
                {
                    batch.Add(message);
                }

                foreach (var message in LiveKitCursorFeed.Coalesce(batch))
                {
                    if (_paused || Volatile.Read(ref _connection) is not { } connection)
                    {
                        continue;
                    }

                    try
                    {
                        await connection.PublishDataAsync(LiveKitCursorFeed.Serialize(message), LiveKitDataTopics.Cursor, reliable: false, null, stop);
                        LiveKitMetrics.CursorMessages.Add(1);
                    }
                    catch (LiveKitException ex)
                    {
                        // The connection is going; the event loop reconnects and later moves are sent again.
                        LogDataFailed(_logger, _roomName, LiveKitDataTopics.Cursor, ex);
                    }

                    await Task.Delay(_options.CursorInterval, _time, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SendFramesAsync(LiveKitRoomConnection connection, CancellationToken token)
    {
        using var compositor = new FrameCompositor(connection.Width, connection.Height, _settings.Width);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / _settings.Fps), _time);
        FrameFeed? feed = null;
        CursorPose? lastPose = null;
        var hasPicture = false;
        try
        {
            do
            {
                var current = Volatile.Read(ref _feed);
                if (!ReferenceEquals(current, feed))
                {
                    feed = current;
                    lastPose = null;

                    // A still page sends no new frame: start from the one the source already has.
                    if (feed?.Source.LatestFrame is { } latest)
                    {
                        hasPicture |= compositor.SetPage(latest.GetJpegBytes(), latest.CssWidth);
                    }
                }

                var page = feed?.Frames.TakeNewest();
                if (page is not null)
                {
                    hasPicture |= compositor.SetPage(page.GetJpegBytes(), page.CssWidth);
                }

                var pose = feed?.Cursor.Sample(_time.GetTimestamp()) ?? default;
                if (page is not null || pose != lastPose)
                {
                    compositor.Compose(pose);
                    lastPose = pose;
                }

                // Nothing before the page's first picture: the room's first frame shows the page.
                if (!_paused && hasPicture)
                {
                    var started = Stopwatch.GetTimestamp();
                    connection.CaptureFrame(compositor.Pixels.Span, (long)_time.GetElapsedTime(0).TotalMicroseconds);
                    LiveKitMetrics.CaptureTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    LiveKitMetrics.FramesSent.Add(1);
                    Interlocked.Increment(ref _framesSent);
                }
            }
            while (await timer.WaitForNextTickAsync(token));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The connection ended or the streamer stopped.
        }
        catch (LiveKitException ex)
        {
            // The core refused a frame (its source is gone): the event loop sees the room go and reconnects.
            LogCaptureFailed(_logger, _roomName, ex);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Report(string state, LiveKitException? error)
    {
        LiveKitStreamStatus status;
        lock (_sync)
        {
            if (_status.State == state && error is null && _status.Error is null)
            {
                return;
            }

            _status = _status with { State = state, ErrorCode = error?.Code, Error = error?.Message };
            status = WithCounters(_status);
        }

        try
        {
            StatusChanged?.Invoke(status);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A listener's failure must not stop the stream.
            LogListenerFailed(_logger, _roomName, ex);
        }
    }

    private LiveKitStreamStatus WithCounters(LiveKitStreamStatus status) => status with
    {
        FramesSent = Interlocked.Read(ref _framesSent),
        Reconnects = Volatile.Read(ref _reconnects),
        CoreReconnects = Volatile.Read(ref _coreReconnects),
    };

    /// <summary>Stops streaming: unpublishes the track and leaves the room.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task? run;
        lock (_sync)
        {
            run = _run;
        }

        if (run is not null)
        {
            await run;
        }
        else
        {
            Report(LiveKitStreamStates.Stopped, null);
        }

        _cursor.Complete();
        if (_cursorRun is { } cursorRun)
        {
            await cursorRun;
        }

        _signals.Writer.TryComplete();

        Detach();
        _stop.Dispose();
    }

    private sealed record FrameFeed(ScreencastSource Source, NewestFrameSubscription<ScreencastFrame> Frames, GhostCursor Cursor);

    [LoggerMessage(EventId = 1910, Level = LogLevel.Information, Message = "Room {RoomName}: streaming into LiveKit room {LiveKitRoom} as track {TrackSid}")]
    private static partial void LogPublished(ILogger logger, string roomName, string liveKitRoom, string trackSid);

    [LoggerMessage(EventId = 1911, Level = LogLevel.Warning, Message = "Room {RoomName}: LiveKit streaming failed ({Code}): {Message}")]
    private static partial void LogConnectFailed(ILogger logger, string roomName, string code, string message);

    [LoggerMessage(EventId = 1912, Level = LogLevel.Warning, Message = "Room {RoomName}: the LiveKit connection was lost: {Message}")]
    private static partial void LogConnectionLost(ILogger logger, string roomName, string message);

    [LoggerMessage(EventId = 1913, Level = LogLevel.Warning, Message = "Room {RoomName}: reconnecting to LiveKit failed ({Message}); next attempt in {Seconds} s")]
    private static partial void LogReconnectFailed(ILogger logger, string roomName, string message, double seconds);

    [LoggerMessage(EventId = 1914, Level = LogLevel.Warning, Message = "Room {RoomName}: LiveKit refused a frame")]
    private static partial void LogCaptureFailed(ILogger logger, string roomName, Exception exception);

    [LoggerMessage(EventId = 1915, Level = LogLevel.Warning, Message = "Room {RoomName}: muting or unmuting the LiveKit track failed")]
    private static partial void LogMuteFailed(ILogger logger, string roomName, Exception exception);

    [LoggerMessage(EventId = 1917, Level = LogLevel.Debug, Message = "Room {RoomName}: sending data on {Topic} to LiveKit failed")]
    private static partial void LogDataFailed(ILogger logger, string roomName, string topic, Exception exception);

    [LoggerMessage(EventId = 1918, Level = LogLevel.Warning, Message = "Room {RoomName}: a control command of LiveKit participant {Identity} was dropped (too many waiting)")]
    private static partial void LogSignalDropped(ILogger logger, string roomName, string identity);

    [LoggerMessage(EventId = 1916, Level = LogLevel.Warning, Message = "Room {RoomName}: a stream status listener failed")]
    private static partial void LogListenerFailed(ILogger logger, string roomName, Exception exception);
}
