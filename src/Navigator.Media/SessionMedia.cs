using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Media.Cursor;
using Navigator.Media.Live;
using Navigator.Media.Recording;

namespace Navigator.Media;

/// <summary>
/// Everything a room sees of its browser: the screencast of the active tab, the ghost cursor the
/// action layer moves, the live view's feed, and at most one recording at a time. Created when the room's browser
/// starts, disposed when it closes (which finishes a running recording).
/// </summary>
public sealed partial class SessionMedia : IAsyncDisposable
{
    private readonly RecordingOptions _recording;
    private readonly string _roomName;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MediaRecorder? _recorder;
    private bool _disposed;

    /// <summary>Creates the room's media; nothing is captured before <see cref="StartAsync"/>.</summary>
    public SessionMedia(BrowserSession browser, string roomName, ScreencastOptions screencast, RecordingOptions recording, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        recording.Validate();
        _recording = recording;
        _roomName = roomName;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<SessionMedia>();
        var time = timeProvider ?? TimeProvider.System;
        Screencast = new ScreencastSource(browser, screencast, time, _loggerFactory.CreateLogger<ScreencastSource>());
        Cursor = new GhostCursor(time);
        Live = new LiveFeed(Screencast, Cursor, _loggerFactory.CreateLogger<LiveFeed>());
    }

    /// <summary>Frames of the active tab.</summary>
    public ScreencastSource Screencast { get; }

    /// <summary>The ghost cursor; feed it what the agent's pointer did.</summary>
    public GhostCursor Cursor { get; }

    /// <summary>What the live view shows: frames with the ghost cursor, composed only while someone watches.</summary>
    public LiveFeed Live { get; }

    /// <summary>The folder this room's recordings go to.</summary>
    public string RecordingFolder => RecordingDirectory.ForRoom(_recording.Directory, _roomName);

    /// <summary>The running recording, if any.</summary>
    public MediaRecorder? ActiveRecording => Volatile.Read(ref _recorder);

    /// <summary>
    /// Starts capture (unless <paramref name="paused"/>) and, when recording is automatic, a
    /// recording. A failing automatic recording is logged, never fatal to the session.
    /// </summary>
    public async Task StartAsync(bool paused, CancellationToken cancellationToken = default)
    {
        if (paused)
        {
            await Screencast.PauseAsync(cancellationToken);
        }

        await Screencast.StartAsync(cancellationToken);
        if (_recording.Automatic)
        {
            try
            {
                await StartRecordingAsync(null, cancellationToken);
            }
            catch (MediaException ex)
            {
                LogAutomaticRecordingFailed(_logger, _roomName, ex);
            }
        }
    }

    /// <summary>Stops capture (a running recording repeats the last frame meanwhile).</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => Screencast.PauseAsync(cancellationToken);

    /// <summary>Restarts capture.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => Screencast.ResumeAsync(cancellationToken);

    /// <summary>
    /// Starts recording in <paramref name="format"/> (the configured default when null);
    /// <see cref="MediaErrorCodes.RecordingActive"/> when one is running.
    /// </summary>
    public async Task<MediaRecorder> StartRecordingAsync(RecordingFormat? format, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_recorder is { } running)
            {
                if (running.Error is null)
                {
                    throw new MediaException(MediaErrorCodes.RecordingActive, $"Room '{_roomName}' is already recording to {running.Path}; stop it first");
                }

                // The running one failed: replace it rather than leave the room unable to record.
                await running.DisposeAsync();
                _recorder = null;
            }

            var folder = RecordingFolder;
            RecordingDirectory.EnsureWritable(folder);
            var chosen = format ?? _recording.DefaultFormat;
            var path = RecordingDirectory.NewFilePath(folder, Screencast.Time.GetUtcNow(), chosen);
            var recorder = MediaRecorder.Start(Screencast, Cursor, chosen, path, _recording, _loggerFactory.CreateLogger<MediaRecorder>());
            Volatile.Write(ref _recorder, recorder);
            LogRecordingStarted(_logger, _roomName, path);
            return recorder;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the recording and returns the finished file; <see cref="MediaErrorCodes.NoRecording"/>
    /// when none runs, <see cref="MediaErrorCodes.RecordingFailed"/> when the encoder failed.
    /// </summary>
    public async Task<RecordingResult> StopRecordingAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        MediaRecorder recorder;
        try
        {
            recorder = _recorder ?? throw new MediaException(MediaErrorCodes.NoRecording, $"Room '{_roomName}' is not recording; start one with start_recording");
            Volatile.Write(ref _recorder, null);
        }
        finally
        {
            _gate.Release();
        }

        await using (recorder)
        {
            var result = await recorder.StopAsync();
            if (result.Error is not null)
            {
                throw new MediaException(
                    MediaErrorCodes.RecordingFailed,
                    $"The recording {result.Path} failed after {result.Frames} frames ({result.DurationSeconds:0.#} s, {result.SizeBytes} bytes kept): {result.Error}");
            }

            return result;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        MediaRecorder? recorder;
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            recorder = _recorder;
            _recorder = null;
        }
        finally
        {
            _gate.Release();
        }

        if (recorder is not null)
        {
            await recorder.DisposeAsync();
            LogRecordingClosed(_logger, _roomName, recorder.Path, recorder.FramesWritten);
        }

        await Live.DisposeAsync();
        await Screencast.DisposeAsync();
    }

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Room {RoomName}: recording to {Path}")]
    private static partial void LogRecordingStarted(ILogger logger, string roomName, string path);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "Room {RoomName}: session closed, recording {Path} finished with {Frames} frames")]
    private static partial void LogRecordingClosed(ILogger logger, string roomName, string path, long frames);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "Room {RoomName}: the automatic recording could not start")]
    private static partial void LogAutomaticRecordingFailed(ILogger logger, string roomName, Exception exception);
}
