namespace Navigator.Media.Cursor;

/// <summary>
/// The agent's pointer as video shows it: each new position is reached along an eased path over
/// 150-300 ms (longer for longer distances), a click ripples once the arrow arrives, typing
/// shows a badge and scrolling an arrow for a moment. Thread-safe: the action layer writes,
/// frame loops read with <see cref="Sample"/>.
/// </summary>
public sealed class GhostCursor : ICursorTrack
{
    /// <summary>Shortest move.</summary>
    public static readonly TimeSpan MinMove = TimeSpan.FromMilliseconds(150);

    /// <summary>Longest move.</summary>
    public static readonly TimeSpan MaxMove = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a click ripple lasts.</summary>
    public static readonly TimeSpan RippleLength = TimeSpan.FromMilliseconds(450);

    /// <summary>How long the typing badge stays after the last key.</summary>
    public static readonly TimeSpan TypingLength = TimeSpan.FromMilliseconds(900);

    /// <summary>How long the scroll indicator stays.</summary>
    public static readonly TimeSpan ScrollLength = TimeSpan.FromMilliseconds(600);

    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private bool _visible;
    private double _fromX;
    private double _fromY;
    private double _toX;
    private double _toY;
    private long _moveStart;
    private TimeSpan _moveLength;
    private long? _rippleStart;
    private long? _typingUntil;
    private long? _scrollUntil;
    private int _scrollDirection;

    /// <summary>Creates a cursor that is hidden until the first event.</summary>
    public GhostCursor(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>The clock events are stamped with.</summary>
    public TimeProvider Time => _time;

    /// <inheritdoc />
    public void MoveTo(double x, double y)
    {
        lock (_sync)
        {
            StartMove(x, y, _time.GetTimestamp());
        }
    }

    /// <inheritdoc />
    public void Click(double x, double y)
    {
        lock (_sync)
        {
            var now = _time.GetTimestamp();
            StartMove(x, y, now);
            _rippleStart = now + ToTicks(_moveLength);
        }
    }

    /// <inheritdoc />
    public void Type()
    {
        lock (_sync)
        {
            _typingUntil = _time.GetTimestamp() + ToTicks(TypingLength);
        }
    }

    /// <inheritdoc />
    public void Scroll(double deltaY)
    {
        lock (_sync)
        {
            _scrollDirection = deltaY < 0 ? -1 : 1;
            _scrollUntil = _time.GetTimestamp() + ToTicks(ScrollLength);
        }
    }

    /// <summary>The pose at <paramref name="timestamp"/> (a value of <see cref="Time"/>'s <c>GetTimestamp</c>).</summary>
    public CursorPose Sample(long timestamp)
    {
        lock (_sync)
        {
            return SampleLocked(timestamp);
        }
    }

    private CursorPose SampleLocked(long timestamp)
    {
        if (!_visible)
        {
            return default;
        }

        var moved = _moveLength <= TimeSpan.Zero ? 1 : Math.Clamp(Elapsed(_moveStart, timestamp) / _moveLength.TotalSeconds, 0, 1);
        var eased = EaseInOutCubic(moved);
        double? ripple = null;
        if (_rippleStart is { } start && timestamp >= start)
        {
            var progress = Elapsed(start, timestamp) / RippleLength.TotalSeconds;
            ripple = progress <= 1 ? progress : null;
        }

        var typing = _typingUntil is { } typingUntil && timestamp < typingUntil;
        var scroll = _scrollUntil is { } scrollUntil && timestamp < scrollUntil ? _scrollDirection : 0;
        return new CursorPose
        {
            Visible = true,
            X = _fromX + ((_toX - _fromX) * eased),
            Y = _fromY + ((_toY - _fromY) * eased),
            Ripple = ripple,
            Typing = typing,
            ScrollDirection = scroll,
        };
    }

    private void StartMove(double x, double y, long now)
    {
        if (!_visible)
        {
            // The first position appears in place: there is no earlier point to travel from.
            _visible = true;
            _fromX = _toX = x;
            _fromY = _toY = y;
            _moveStart = now;
            _moveLength = TimeSpan.Zero;
            return;
        }

        var current = SampleLocked(now);
        _fromX = current.X;
        _fromY = current.Y;
        _toX = x;
        _toY = y;
        _moveStart = now;
        var distance = Math.Sqrt(((x - _fromX) * (x - _fromX)) + ((y - _fromY) * (y - _fromY)));

        // 150 ms for a short hop, up to 300 ms across a 1000-px viewport.
        _moveLength = distance < 1 ? TimeSpan.Zero
            : MinMove + ((MaxMove - MinMove) * Math.Min(1, distance / 1000));
    }

    private double Elapsed(long from, long to) => to <= from ? 0 : _time.GetElapsedTime(from, to).TotalSeconds;

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static double EaseInOutCubic(double t) => t < 0.5 ? 4 * t * t * t : 1 - (Math.Pow((-2 * t) + 2, 3) / 2);
}
