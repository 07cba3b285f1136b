using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Navigator.Media.Cursor;

namespace Navigator.LiveKit.Streaming;

/// <summary>
/// The agent's pointer as data for the room (topic <see cref="LiveKitDataTopics.Cursor"/>): each
/// move, click, typing and scroll the action layer reports becomes a small JSON message with the
/// position as fractions (0..1) of the picture, so a client can draw its own cursor over the video.
/// A full queue drops the oldest message: only the newest position matters.
/// </summary>
internal sealed class LiveKitCursorFeed(int viewportWidth, int viewportHeight, TimeProvider time) : ICursorTrack
{
    private readonly Channel<LiveKitCursorMessage> _messages = Channel.CreateBounded<LiveKitCursorMessage>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Lock _sync = new();
    private double _x;
    private double _y;

    /// <summary>The messages to send, oldest first.</summary>
    public ChannelReader<LiveKitCursorMessage> Messages => _messages.Reader;

    public void MoveTo(double x, double y) => Add(x, y, null, null);

    public void Click(double x, double y) => Add(x, y, "click", null);

    public void Type() => Add(null, null, "type", null);

    public void Scroll(double deltaY) => Add(null, null, "scroll", deltaY < 0 ? -1 : 1);

    /// <summary>No more messages (the stream stopped).</summary>
    public void Complete() => _messages.Writer.TryComplete();

    /// <summary>
    /// The messages worth sending out of <paramref name="batch"/>: every click, typing and scroll,
    /// and a plain move only when it is the newest (older moves are already out of date).
    /// </summary>
    public static IEnumerable<LiveKitCursorMessage> Coalesce(IReadOnlyList<LiveKitCursorMessage> batch) =>
        batch.Where((message, i) => message.Action is not null || i == batch.Count - 1);

    /// <summary>The message as sent.</summary>
    public static byte[] Serialize(LiveKitCursorMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, LiveKitDataJsonContext.Default.LiveKitCursorMessage);

    private void Add(double? x, double? y, string? action, int? scroll)
    {
        LiveKitCursorMessage message;
        lock (_sync)
        {
            // Typing and scrolling happen where the pointer last was.
            _x = x ?? _x;
            _y = y ?? _y;
            message = new LiveKitCursorMessage(Fraction(_x, viewportWidth), Fraction(_y, viewportHeight), action, scroll, time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        _messages.Writer.TryWrite(message);
    }

    private static double Fraction(double pixels, int size) => size <= 0 ? 0 : Math.Round(Math.Clamp(pixels / size, 0, 1), 4);
}

/// <summary>
/// One cursor message: <c>x</c>, <c>y</c> as fractions of the picture, <c>action</c> (click, type,
/// scroll; absent for a move), <c>dy</c> (-1 up, 1 down; scroll only) and <c>t</c> (Unix milliseconds).
/// </summary>
internal sealed record LiveKitCursorMessage(double X, double Y, string? Action, int? Dy, long T);

/// <summary>Source-generated JSON of the data topics (nulls omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LiveKitCursorMessage))]
internal sealed partial class LiveKitDataJsonContext : JsonSerializerContext;
