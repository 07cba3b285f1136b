using System.Threading.Channels;

namespace Navigator.Browser.Media;

/// <summary>
/// One consumer's view of a frame source (the screencast, the live feed): a one-slot channel where the
/// newest frame wins, so a slow consumer skips frames and never holds up the source or the others.
/// </summary>
public sealed class NewestFrameSubscription<TFrame> : IDisposable
    where TFrame : class
{
    private readonly Action<NewestFrameSubscription<TFrame>> _unsubscribe;
    private readonly Channel<TFrame> _frames = Channel.CreateBounded<TFrame>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    });

    /// <summary>Creates a subscription; <paramref name="unsubscribe"/> detaches it from its source.</summary>
    public NewestFrameSubscription(Action<NewestFrameSubscription<TFrame>> unsubscribe) => _unsubscribe = unsubscribe;

    /// <summary>Frames as they arrive; completes when the source ends.</summary>
    public ChannelReader<TFrame> Frames => _frames.Reader;

    /// <summary>The newest frame waiting, or null when none arrived since the last take.</summary>
    public TFrame? TakeNewest()
    {
        TFrame? newest = default;
        while (_frames.Reader.TryRead(out var frame))
        {
            newest = frame;
        }

        return newest;
    }

    /// <summary>Hands the consumer a frame, replacing one it has not read yet.</summary>
    public void Offer(TFrame frame) => _frames.Writer.TryWrite(frame);

    /// <summary>Ends the frames (the source went away).</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <inheritdoc />
    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }
}
