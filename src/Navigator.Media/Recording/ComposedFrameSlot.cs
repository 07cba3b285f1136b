using System.Threading.Channels;
using Navigator.Browser.Media;

namespace Navigator.Media.Recording;

/// <summary>
/// The one-frame hand-over between a recorder's compositor and its pipe writer. The compositor
/// writes each frame into a rented buffer and publishes it; the writer takes the newest, and a frame it has not
/// taken yet is replaced by a newer one. Three buffers (the writer's, the waiting one and the one
/// being composed) are enough, so publishing never waits for the writer or its pipe.
/// </summary>
internal sealed class ComposedFrameSlot
{
    private readonly Lock _sync = new();
    private readonly Stack<byte[]> _free = new();
    private readonly Channel<bool> _published = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = true,
    });

    private ComposedFrame? _waiting;

    public ComposedFrameSlot(int frameBytes)
    {
        for (var i = 0; i < 3; i++)
        {
            _free.Push(GC.AllocateUninitializedArray<byte>(frameBytes));
        }
    }

    /// <summary>
    /// A free buffer to write the next frame into, then hand to <see cref="Publish"/>. One
    /// publisher only, with at most one buffer rented at a time.
    /// </summary>
    public byte[] Rent()
    {
        lock (_sync)
        {
            return _free.Pop();
        }
    }

    /// <summary>
    /// Makes <paramref name="pixels"/> (from <see cref="Rent"/>) the newest frame.
    /// <paramref name="newPage"/> is the page frame first shown in it (null when only the cursor
    /// moved); a replaced frame's new page carries over, as the newer frame shows that page or a later one.
    /// </summary>
    public void Publish(byte[] pixels, ScreencastFrame? newPage, long decodedTimestamp)
    {
        lock (_sync)
        {
            if (_waiting is { } replaced)
            {
                _free.Push(replaced.Pixels);
                if (newPage is null)
                {
                    newPage = replaced.NewPage;
                    decodedTimestamp = replaced.DecodedTimestamp;
                }
            }

            _waiting = new ComposedFrame(pixels, newPage, decodedTimestamp);
        }

        _published.Writer.TryWrite(true);
    }

    /// <summary>
    /// Takes the newest published frame, if one is waiting, and gives <paramref name="held"/>'s
    /// buffer back in the same step (so the publisher always finds a free one); returns null and
    /// keeps <paramref name="held"/> when nothing new is waiting.
    /// </summary>
    public ComposedFrame? Exchange(ComposedFrame? held)
    {
        _published.Reader.TryRead(out _);
        lock (_sync)
        {
            var taken = _waiting;
            if (taken is null)
            {
                return null;
            }

            _waiting = null;
            if (held is not null)
            {
                _free.Push(held.Pixels);
            }

            return taken;
        }
    }

    /// <summary>Completes when a frame has been published since the last <see cref="Exchange"/>.</summary>
    public Task<bool> WaitAsync(CancellationToken cancellationToken) =>
        _published.Reader.WaitToReadAsync(cancellationToken).AsTask();
}

/// <summary>
/// A composed output frame: its pixels, the page frame first shown in it (null when it only moved
/// the cursor) and when that page frame was decoded (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).
/// </summary>
internal sealed record ComposedFrame(byte[] Pixels, ScreencastFrame? NewPage, long DecodedTimestamp);
