using System.Text.Json;
using Microsoft.Extensions.Logging;
using Navigator.Actions;
using Navigator.Browser;
using Navigator.LiveKit.Streaming;
using Navigator.Tools.Events;
using Navigator.Tools.Live;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>
/// A room's LiveKit stream as a room component: connecting from the room's creation (in the
/// background, so start_browser_session does not wait for LiveKit), fed the frames and ghost cursor
/// of each browser the room gets, muted while the room is paused, and closed (unpublished) with
/// the room. A stream that failed to connect starts again when the room gets a new browser
/// (recover_browser_session). Failures become <c>stream_error</c> events, never room errors.
/// The agent's pointer goes to the LiveKit room as data, and a participant of that room can take
/// control with the live view's commands and rules (through the room's <see cref="RoomControl"/>).
/// </summary>
internal sealed partial class RoomStreamComponent(RoomStreamFactory factory, RoomSessionState state, IRoomEventBroadcaster events, TimeProvider time)
    : IRoomComponent, IRoomComponentPeer
{
    private readonly CancellationTokenSource _closing = new();
    private readonly List<Task> _controlLoops = [];
    private RoomControl? _control;
    private RoomMediaComponent? _media;
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
        lock (_controlLoops)
        {
            _controlLoops.Add(Task.Run(() => RunControlAsync(streamer, _closing.Token)));
        }

        return streamer;
    }

    public void OnRoomComponents(IReadOnlyList<IRoomComponent> components)
    {
        Volatile.Write(ref _control, components.OfType<RoomControl>().FirstOrDefault());
        Volatile.Write(ref _media, components.OfType<RoomMediaComponent>().FirstOrDefault());
    }

    /// <summary>
    /// Runs the takeover commands the stream's participants send, one at a time in order, and
    /// answers each sender; a participant who leaves (or whose connection is replaced) lets go of
    /// control. Ends with the streamer.
    /// </summary>
    private async Task RunControlAsync(LiveKitStreamer streamer, CancellationToken closing)
    {
        var takeovers = new Dictionary<string, HumanTakeover>(StringComparer.Ordinal);
        try
        {
            await foreach (var signal in streamer.ParticipantSignals.ReadAllAsync(closing))
            {
                if (signal.Left)
                {
                    if (takeovers.Remove(signal.Identity, out var gone))
                    {
                        gone.Leave();
                    }

                    continue;
                }

                var reply = await RunCommandAsync(signal, takeovers, closing);
                if (reply is not null)
                {
                    await streamer.ReplyAsync(signal.Identity, JsonSerializer.SerializeToUtf8Bytes(reply, TakeoverJsonContext.Default.TakeoverReply), closing);
                }
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The room is closing.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogControlFailed(factory.Logger, state.RoomName, ex);
        }
        finally
        {
            foreach (var takeover in takeovers.Values)
            {
                takeover.Leave();
            }
        }
    }

    private async Task<TakeoverReply?> RunCommandAsync(LiveKitParticipantSignal signal, Dictionary<string, HumanTakeover> takeovers, CancellationToken closing)
    {
        try
        {
            if (!factory.Streaming.Options.ParticipantControl)
            {
                throw new NavigatorToolException(LiveViewErrorCodes.ParticipantControlDisabled, "This server does not let LiveKit room participants take control (LiveKit:ParticipantControl is false)");
            }

            if (Volatile.Read(ref _control) is not { } control || Volatile.Read(ref _media) is not { } media)
            {
                throw new NavigatorToolException(LiveViewErrorCodes.LiveViewUnavailable, $"This server has no takeover for room '{state.RoomName}' (the live view or video capture is not configured)");
            }

            TakeoverCommand? command;
            try
            {
                command = JsonSerializer.Deserialize(signal.Message, TakeoverJsonContext.Default.TakeoverCommand);
            }
            catch (JsonException ex)
            {
                throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "Commands are JSON objects with a type", ex);
            }

            if (!takeovers.TryGetValue(signal.Identity, out var takeover))
            {
                takeover = new HumanTakeover(RoomControl.LiveKitHolderPrefix + signal.Identity, control, media, time, factory.InputTimeout);
                takeovers[signal.Identity] = takeover;
            }

            return await takeover.RunAsync(command, closing) is { } notice ? new TakeoverReply(notice) : null;
        }
        catch (NavigatorToolException ex)
        {
            return new TakeoverReply(TakeoverReply.ErrorType, ex.Code, ex.Message);
        }
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

    // The ghost cursor the video shows is fed by the room's media component; this feeds the cursor's data topic.
    public void OnActionCompleted(ActionResult result, JsonElement parameters) => Volatile.Read(ref _streamer)?.Cursor.Report(result, parameters);

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

        await _closing.CancelAsync();
        Task[] loops;
        lock (_controlLoops)
        {
            loops = [.. _controlLoops];
        }

        await Task.WhenAll(loops);
        _closing.Dispose();
    }

    [LoggerMessage(EventId = 1920, Level = LogLevel.Error, Message = "Room {RoomName}: handling LiveKit participants' control commands failed")]
    private static partial void LogControlFailed(ILogger logger, string roomName, Exception exception);
}
