using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Testing;

namespace Navigator.Media.Tests;

[Collection(MediaCollection.Name)]
public sealed class ScreencastSourceTests(SharedBrowserFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static ScreencastOptions Small => new() { Fps = 10, MaxWidth = 320, MaxHeight = 240 };

    private static BrowserSessionOptions SmallViewport => new() { ViewportWidth = 320, ViewportHeight = 240 };

    [Fact]
    public async Task Frames_arrive_as_jpeg_of_the_viewport_and_keep_flowing_across_navigations()
    {
        await using var session = await fixture.NewSessionAsync(SmallViewport);
        await session.NavigateAsync(TestPages.Solid(fixture.Server, "/sc-red", TestPages.Red));
        await using var source = new ScreencastSource(session, Small);
        using var subscription = source.Subscribe();
        await source.StartAsync();

        var first = await subscription.Frames.ReadAsync().AsTask().WaitAsync(Patience);
        var jpeg = first.GetJpegBytes();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal(320, first.CssWidth);
        Assert.Equal(240, first.CssHeight);

        var before = source.FramesReceived;
        await session.NavigateAsync(TestPages.Solid(fixture.Server, "/sc-green", TestPages.Green));
        await Eventually.TrueAsync(() => source.FramesReceived > before, Patience, "a frame after navigating");
        Assert.Equal(session.ActivePage.TargetId, source.LatestFrame!.TargetId);
    }

    [Fact]
    public async Task Capture_moves_to_a_new_tab_and_back_when_it_closes()
    {
        await using var session = await fixture.NewSessionAsync(SmallViewport);
        await session.NavigateAsync(TestPages.Solid(fixture.Server, "/sc-tab1", TestPages.Red));
        var firstTab = session.ActivePage;
        await using var source = new ScreencastSource(session, Small);
        await source.StartAsync();
        await Eventually.TrueAsync(() => source.LatestFrame?.TargetId == firstTab.TargetId, Patience, "a frame of the first tab");

        var second = await session.OpenTabAsync(TestPages.Animated(fixture.Server, "/sc-tab2"));
        await Eventually.TrueAsync(() => source.LatestFrame?.TargetId == second.TargetId, Patience, "a frame of the new tab");

        await second.CloseAsync();
        await Eventually.TrueAsync(() => session.Pages.Count == 1, Patience, "the second tab closed");
        await firstTab.EvaluateAsync("document.body.style.background = 'rgb(30,60,220)'");
        await Eventually.TrueAsync(() => source.LatestFrame?.TargetId == firstTab.TargetId, Patience, "frames of the first tab again");
    }

    [Fact]
    public async Task Pause_stops_frames_and_resume_restarts_them()
    {
        await using var session = await fixture.NewSessionAsync(SmallViewport);
        await session.NavigateAsync(TestPages.Animated(fixture.Server, "/sc-anim"));
        await using var source = new ScreencastSource(session, Small);
        await source.StartAsync();
        await Eventually.TrueAsync(() => source.FramesReceived > 3, Patience, "frames of an animated page");

        await source.PauseAsync();
        Assert.False(source.IsCapturing);
        var atPause = source.FramesReceived;

        // The page keeps animating; a paused source must not count one frame more.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(atPause, source.FramesReceived);

        await source.ResumeAsync();
        Assert.True(source.IsCapturing);
        await Eventually.TrueAsync(() => source.FramesReceived > atPause + 3, Patience, "frames after resuming");
    }

    [Fact]
    public async Task A_late_subscriber_gets_the_current_frame_at_once()
    {
        await using var session = await fixture.NewSessionAsync(SmallViewport);
        await session.NavigateAsync(TestPages.Solid(fixture.Server, "/sc-late", TestPages.Blue));
        await using var source = new ScreencastSource(session, Small);
        await source.StartAsync();
        await Eventually.TrueAsync(() => source.LatestFrame is not null, Patience, "a first frame");

        using var late = source.Subscribe();
        Assert.True(late.Frames.TryRead(out var frame));
        Assert.Same(source.LatestFrame, frame);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(500)]
    public void Fps_outside_1_to_30_is_refused(int fps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScreencastOptions { Fps = fps }.Validate());
        Assert.Equal("Fps", error.ParamName);
    }
}
