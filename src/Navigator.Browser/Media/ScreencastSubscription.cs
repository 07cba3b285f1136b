using System.Threading.Channels;

namespace Navigator.Browser.Media;

/// <summary>One consumer's view of a <see cref="ScreencastSource"/>: a one-slot channel where the newest frame wins.</summary>
public sealed class ScreencastSubscription : IDisposable
{
    private readonly ScreencastSource _source;
    private readonly Channel<ScreencastFrame> _frames = Channel.CreateBounded<ScreencastFrame>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    });

    internal ScreencastSubscription(ScreencastSource source) => _source = source;

    /// <summary>Frames as they arrive; completes when the source is disposed.</summary>
    public ChannelReader<ScreencastFrame> Frames => _frames.Reader;

    internal void Offer(ScreencastFrame frame) => _frames.Writer.TryWrite(frame);

    internal void Complete() => _frames.Writer.TryComplete();

    /// <inheritdoc />
    public void Dispose()
    {
        _source.Unsubscribe(this);
        Complete();
    }
}
