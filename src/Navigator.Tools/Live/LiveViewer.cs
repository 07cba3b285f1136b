using System.Runtime.CompilerServices;
using Navigator.Actions.Input;
using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Cdp;
using Navigator.Media.Live;
using Navigator.Tools.Events;
using Navigator.Tools.Media;

namespace Navigator.Tools.Live;

/// <summary>
/// One open live view page of a room: the frames it shows, the room's events it lists, and, when
/// it takes control, the person's input to the room's active tab. Pointer positions arrive as
/// fractions (0..1) of the picture's width and height and are mapped to the tab's CSS pixels.
/// Disposing it (the page closed) hands control back if it had it.
/// </summary>
public sealed class LiveViewer : IAsyncDisposable
{
    /// <summary>How often a viewer looks for the room's video again while the room has no browser (during a recovery).</summary>
    private static readonly TimeSpan MediaRetry = TimeSpan.FromMilliseconds(250);

    private readonly RoomControl _control;
    private readonly RoomMediaComponent _media;
    private readonly TimeProvider _time;
    private readonly TimeSpan _inputTimeout;
    private int _disposed;

    internal LiveViewer(string roomName, string viewerId, RoomControl control, RoomMediaComponent media, IRoomEventSubscription events, TimeProvider time, TimeSpan inputTimeout)
    {
        RoomName = roomName;
        ViewerId = viewerId;
        _control = control;
        _media = media;
        Events = events;
        _time = time;
        _inputTimeout = inputTimeout;
    }

    /// <summary>The room.</summary>
    public string RoomName { get; }

    /// <summary>This page's id within the room.</summary>
    public string ViewerId { get; }

    /// <summary>The room's events, serialized as its event WebSocket sends them.</summary>
    public IRoomEventSubscription Events { get; }

    /// <summary><c>human</c> or <c>agent</c>.</summary>
    public string Holder => _control.Holder;

    /// <summary>Cancelled when the room closes.</summary>
    public CancellationToken RoomClosing => _control.Closing;

    /// <summary>
    /// The room's pictures (the newest wins: a slow reader skips frames), across browser rebuilds;
    /// ends when the room closes or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<LiveFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _control.Closing);
        var token = linked.Token;
        while (!token.IsCancellationRequested)
        {
            if (_media.Media is not { } media)
            {
                // Between two browsers of the room (a recovery): the next one brings a new feed.
                if (!await DelayAsync(token))
                {
                    yield break;
                }

                continue;
            }

            using var frames = media.Live.Subscribe();
            while (await WaitAsync(frames, token))
            {
                while (frames.Frames.TryRead(out var frame))
                {
                    yield return frame;
                }
            }

            if (_media.Media == media && !await DelayAsync(token))
            {
                yield break;
            }
        }
    }

    /// <summary>Takes control for this page; <c>control_held</c> when another person has it.</summary>
    public void TakeControl() => _control.Take(ViewerId);

    /// <summary>Hands control back to the agent; <c>not_in_control</c> when this page does not have it.</summary>
    public void HandBack() => _control.HandBack(ViewerId);

    /// <summary>A pointer event at (<paramref name="x"/>, <paramref name="y"/>), fractions of the picture.</summary>
    public Task PointerAsync(HumanPointerAction action, double x, double y, string button, int buttons, int clickCount, int modifiers, CancellationToken cancellationToken = default) =>
        SendAsync(
            async (page, point, ct) =>
            {
                await HumanInput.PointerAsync(page, new HumanPointerEvent(action, point.X, point.Y, button, buttons, clickCount, modifiers), ct);
                if (action == HumanPointerAction.Up && button != "none")
                {
                    _control.ReportHumanClick(point.X, point.Y, button);
                }
            },
            x,
            y,
            cancellationToken);

    /// <summary>A wheel turn at (<paramref name="x"/>, <paramref name="y"/>), fractions of the picture; deltas in CSS pixels.</summary>
    public Task WheelAsync(double x, double y, double deltaX, double deltaY, int modifiers, CancellationToken cancellationToken = default) =>
        SendAsync((page, point, ct) => HumanInput.WheelAsync(page, point.X, point.Y, deltaX, deltaY, modifiers, ct), x, y, cancellationToken);

    /// <summary>A key going down or up (DOM key name, optional physical code, CDP modifier bits).</summary>
    public Task KeyAsync(bool down, string key, string? code, int modifiers, CancellationToken cancellationToken = default) =>
        SendAsync((page, _, ct) => HumanInput.KeyAsync(page, new HumanKeyEvent(down, key, code, modifiers), ct), 0, 0, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _control.RemoveViewer(ViewerId);
            Events.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task SendAsync(Func<BrowserPage, (double X, double Y), CancellationToken, Task> send, double x, double y, CancellationToken cancellationToken)
    {
        var page = _control.PageFor(ViewerId);
        var point = ToCssPixels(x, y);
        using var timeout = new CancellationTokenSource(_inputTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await send(page, point, linked.Token);
        }
        catch (ArgumentException ex)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NavigatorToolException(LiveViewErrorCodes.InputFailed, $"The page did not take the input within {_inputTimeout.TotalSeconds:0.#} s (a dialog or a busy script may block it)", ex);
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or ObjectDisposedException)
        {
            throw new NavigatorToolException(LiveViewErrorCodes.InputFailed, "The page did not take the input (it may be navigating or closing); try again", ex);
        }
    }

    /// <summary>Fractions of the picture to CSS pixels of the viewport the newest frame shows.</summary>
    private (double X, double Y) ToCssPixels(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || x is < 0 or > 1 || y is < 0 or > 1)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "x and y must be fractions of the picture between 0 and 1");
        }

        var media = _media.Media;
        var frame = media?.Live.LatestFrame;
        var options = media?.Screencast.Options;
        var width = frame?.CssWidth ?? options?.MaxWidth ?? 0;
        var height = frame?.CssHeight ?? options?.MaxHeight ?? 0;
        return (x * width, y * height);
    }

    private async Task<bool> DelayAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(MediaRetry, _time, token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitAsync(NewestFrameSubscription<LiveFrame> frames, CancellationToken token)
    {
        try
        {
            return await frames.Frames.WaitToReadAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
