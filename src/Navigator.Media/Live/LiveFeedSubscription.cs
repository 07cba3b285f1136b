using System.Threading.Channels;

namespace Navigator.Media.Live;

/// <summary>One viewer's frames from a <see cref="LiveFeed"/>: a one-slot channel where the newest frame wins.</summary>
public sealed class LiveFeedSubscription : IDisposable
{
    private readonly LiveFeed _feed;
    private readonly Channel<LiveFrame> _frames = Channel.CreateBounded<LiveFrame>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    });

    internal LiveFeedSubscription(LiveFeed feed) => _feed = feed;

    /// <summary>Frames as they are composed; completes when the feed ends (its browser went away).</summary>
    public ChannelReader<LiveFrame> Frames => _frames.Reader;

    internal void Offer(LiveFrame frame) => _frames.Writer.TryWrite(frame);

    internal void Complete() => _frames.Writer.TryComplete();

    /// <inheritdoc />
    public void Dispose()
    {
        _feed.Unsubscribe(this);
        Complete();
    }
}
