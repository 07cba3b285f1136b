using System.Runtime.CompilerServices;
using Navigator.Browser.Media;
using Navigator.Media.Live;
using Navigator.Tools.Events;
using Navigator.Tools.Media;

namespace Navigator.Tools.Live;

/// <summary>
/// One open live view page of a room: the frames it shows, the room's events it lists, and, when
/// it takes control, the person's input to the room's active tab (a <see cref="HumanTakeover"/>).
/// Disposing it (the page closed) hands control back if it had it.
/// </summary>
public sealed class LiveViewer : IAsyncDisposable
{
    /// <summary>How often a viewer looks for the room's video again while the room has no browser (during a recovery).</summary>
    private static readonly TimeSpan MediaRetry = TimeSpan.FromMilliseconds(250);

    private readonly RoomControl _control;
    private readonly RoomMediaComponent _media;
    private readonly TimeProvider _time;
    private readonly HumanTakeover _takeover;
    private int _disposed;

    internal LiveViewer(string roomName, string viewerId, RoomControl control, RoomMediaComponent media, IRoomEventSubscription events, TimeProvider time, TimeSpan inputTimeout)
    {
        RoomName = roomName;
        ViewerId = viewerId;
        _control = control;
        _media = media;
        Events = events;
        _time = time;
        _takeover = new HumanTakeover(viewerId, control, media, time, inputTimeout);
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

    /// <summary>
    /// Runs one of the page's commands (see <see cref="TakeoverCommand"/>); returns the notice for
    /// the page (<c>control_granted</c>, <c>control_released</c>) or null; failures are <see cref="NavigatorToolException"/>s.
    /// </summary>
    public Task<string?> RunAsync(TakeoverCommand? command, CancellationToken cancellationToken = default) => _takeover.RunAsync(command, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _takeover.Leave();
            Events.Dispose();
        }

        return ValueTask.CompletedTask;
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
