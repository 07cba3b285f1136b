using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Media.Live;
using Navigator.Media.Marks;
using Navigator.Media.Recording;
using Navigator.Testing;
using SkiaSharp;

namespace Navigator.Media.Tests;

/// <summary>The live view's feed: newest frame wins per viewer, the cursor drawn in, nothing composed for nobody.</summary>
[Collection(MediaCollection.Name)]
public sealed class LiveFeedTests(SharedBrowserFixture fixture)
{
    private const int Width = 480;
    private const int Height = 270;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_viewer_that_never_reads_holds_one_frame_while_another_keeps_getting_new_ones()
    {
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions { ViewportWidth = Width, ViewportHeight = Height });
        await session.NavigateAsync(TestPages.Animated(fixture.Server, "/live-animated"));
        await using var media = new SessionMedia(session, "live", new ScreencastOptions { Fps = 10, MaxWidth = Width, MaxHeight = Height }, new RecordingOptions());
        await media.StartAsync(paused: false);

        using var stalled = media.Live.Subscribe();
        using var watching = media.Live.Subscribe();
        var sequences = new List<long>();
        while (sequences.Count < 15)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var frame = await watching.Frames.ReadAsync(timeout.Token);
            sequences.Add(frame.Sequence);
            Assert.Equal((Width, Height), (frame.CssWidth, frame.CssHeight));
        }

        // The watcher saw frames in order; the stalled viewer holds just the newest one, not a backlog.
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(1, stalled.Frames.Count);
        Assert.True(stalled.Frames.TryPeek(out var held) && held.Sequence >= sequences[0]);
        Assert.Equal(2, media.Live.ViewerCount);
    }

    [Fact]
    public async Task Frames_show_the_ghost_cursor_once_the_agent_pointed_and_end_when_the_media_closes()
    {
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions { ViewportWidth = Width, ViewportHeight = Height });
        await session.NavigateAsync(TestPages.Solid(fixture.Server, "/live-blue", TestPages.Blue));
        var media = new SessionMedia(session, "live-cursor", new ScreencastOptions { Fps = 10, MaxWidth = Width, MaxHeight = Height }, new RecordingOptions());
        await media.StartAsync(paused: false);
        using var viewer = media.Live.Subscribe();
        using (var first = await DecodeNextAsync(viewer))
        {
            Assert.True(Near(first.GetPixel(303, 159), TestPages.Blue), "no cursor before the agent pointed");
        }

        media.Cursor.Click(300, 150);
        await Eventually.TrueAsync(() => Near(Peek(viewer), (255, 255, 255)), Patience, "the cursor's white arrow at the click point");

        await media.DisposeAsync();
        using var timeout = new CancellationTokenSource(Patience);
        while (await viewer.Frames.WaitToReadAsync(timeout.Token))
        {
            viewer.Frames.TryRead(out _);
        }

        Assert.True(viewer.Frames.Completion.IsCompleted);
        using var late = media.Live.Subscribe();
        Assert.True(late.Frames.Completion.IsCompleted);
    }

    [Fact]
    public void Set_of_marks_outlines_each_box_and_tags_it_with_its_number()
    {
        using var white = new SKBitmap(200, 100);
        white.Erase(SKColors.White);
        using var png = white.Encode(SKEncodedImageFormat.Png, 100);

        // A 100-CSS-pixel-wide viewport shown at 200 pixels: boxes scale by 2.
        var marked = SetOfMarksPainter.Paint(png.ToArray(), [new NumberedBox(7, 20, 20, 40, 20)], 100, jpeg: false, jpegQuality: 0);
        using var bitmap = SKBitmap.Decode(marked);
        Assert.Equal((200, 100), (bitmap.Width, bitmap.Height));
        Assert.NotEqual(SKColors.White, bitmap.GetPixel(40, 60));   // left edge of the box at x = 20 * 2
        Assert.NotEqual(SKColors.White, bitmap.GetPixel(119, 60));  // right edge at (20 + 40) * 2
        Assert.NotEqual(SKColors.White, bitmap.GetPixel(42, 37));   // the tag above the top-left corner
        Assert.Equal(SKColors.White, bitmap.GetPixel(80, 60));      // the inside stays clear
        Assert.Throws<ArgumentException>(() => SetOfMarksPainter.Paint([1, 2, 3], [], 100, jpeg: false, jpegQuality: 0));
    }

    private static async Task<SKBitmap> DecodeNextAsync(NewestFrameSubscription<LiveFrame> viewer)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var frame = await viewer.Frames.ReadAsync(timeout.Token);
        return SKBitmap.Decode(frame.Jpeg);
    }

    private static (int R, int G, int B) Peek(NewestFrameSubscription<LiveFrame> viewer)
    {
        if (!viewer.Frames.TryRead(out var frame))
        {
            return default;
        }

        using var bitmap = SKBitmap.Decode(frame.Jpeg);
        var pixel = bitmap.GetPixel(303, 159);
        return (pixel.Red, pixel.Green, pixel.Blue);
    }

    private static bool Near(SKColor actual, (int R, int G, int B) expected) => Near((actual.Red, actual.Green, actual.Blue), expected);

    private static bool Near((int R, int G, int B) actual, (int R, int G, int B) expected) =>
        Math.Abs(actual.R - expected.R) <= 60 && Math.Abs(actual.G - expected.G) <= 60 && Math.Abs(actual.B - expected.B) <= 60;
}
