using System.Text.Json;
using Navigator.Actions;
using Navigator.Browser;
using Navigator.LiveKit.Streaming;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>
/// A room's LiveKit stream as a room component: connecting from the room's creation (in the
/// background, so start_browser_session does not wait for LiveKit), fed the frames and ghost cursor
/// of each browser the room gets, muted while the room is paused, and closed (unpublished) with
/// the room. A stream that failed to connect starts again when the room gets a new browser
/// (recover_browser_session). Failures become <c>stream_error</c> events, never room errors.
/// </summary>
internal sealed class RoomStreamComponent(RoomStreamFactory factory, RoomSessionState state, IRoomEventBroadcaster events, TimeProvider time) : IRoomComponent
{
    private LiveKitStreamer? _streamer;
    private bool _paused = state.Paused;
    private bool _attached;

    /// <summary>The stream's status (null before the first browser).</summary>
    public LiveKitStreamStatus? Status => Volatile.Read(ref _streamer)?.Status;

    public async Task OnBrowserAttachedAsync(BrowserSession browser, CancellationToken cancellationToken)
    {
        if (factory.Media.MediaOf(browser) is not { } media)
        {
            return;
        }

        var streamer = Volatile.Read(ref _streamer);
        var recovery = _attached;
        _attached = true;
        if (streamer is null || (recovery && streamer.Status.State == LiveKitStreamStates.Failed))
        {
            // A recovery after the stream failed: connect again (the URL may be back, the token renewed).
            var previous = streamer;
            streamer = StartStreamer();
            if (previous is not null)
            {
                await previous.DisposeAsync();
            }
        }

        streamer.Attach(media.Screencast, media.Cursor);
    }

    /// <summary>Starts connecting at once, so LiveKit's handshake overlaps the browser's start.</summary>
    public void Start() => StartStreamer();

    private LiveKitStreamer StartStreamer()
    {
        var streamer = factory.Streaming.Start(state.RoomName, state.LiveKitUrl!, state.LiveKitToken, state.ViewportWidth, state.ViewportHeight, state.Fps, Volatile.Read(ref _paused));
        streamer.StatusChanged += OnStatusChanged;
        if (streamer.Status.State == LiveKitStreamStates.Failed)
        {
            OnStatusChanged(streamer.Status);
        }

        Volatile.Write(ref _streamer, streamer);
        return streamer;
    }

    public Task OnBrowserDetachingAsync(BrowserSession browser)
    {
        Volatile.Read(ref _streamer)?.Detach();
        return Task.CompletedTask;
    }

    public Task OnPausedChangedAsync(bool paused, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _paused, paused);
        Volatile.Read(ref _streamer)?.SetPaused(paused);
        return Task.CompletedTask;
    }

    public void OnActionCompleted(ActionResult result, JsonElement parameters)
    {
        // The ghost cursor the stream paints is fed by the room's media component.
    }

    private void OnStatusChanged(LiveKitStreamStatus status)
    {
        if (status is { ErrorCode: { } code, Error: { } message })
        {
            events.Publish(state.RoomName, new StreamErrorEvent
            {
                State = status.State,
                Code = code,
                Message = message,
                Timestamp = RoomEvent.ToUnixSeconds(time.GetUtcNow()),
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _streamer, null) is { } streamer)
        {
            await streamer.DisposeAsync();
        }
    }
}
