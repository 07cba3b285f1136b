namespace Navigator.Browser.Media;

/// <summary>How a session's screencast is captured.</summary>
public sealed record ScreencastOptions
{
    /// <summary>The highest frame rate the session allows.</summary>
    public const int MaxFps = 30;

    /// <summary>Frames per second consumers sample at (1..30); Chromium sends frames only when the page changes.</summary>
    public int Fps { get; init; } = 10;

    /// <summary>Largest frame width in pixels (the viewport width).</summary>
    public int MaxWidth { get; init; } = 1280;

    /// <summary>Largest frame height in pixels (the viewport height).</summary>
    public int MaxHeight { get; init; } = 720;

    /// <summary>JPEG quality, 1..100.</summary>
    public int JpegQuality { get; init; } = 80;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Fps, 1, nameof(Fps));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Fps, MaxFps, nameof(Fps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWidth, 16, nameof(MaxWidth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeight, 16, nameof(MaxHeight));
        ArgumentOutOfRangeException.ThrowIfLessThan(JpegQuality, 1, nameof(JpegQuality));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(JpegQuality, 100, nameof(JpegQuality));
    }
}
