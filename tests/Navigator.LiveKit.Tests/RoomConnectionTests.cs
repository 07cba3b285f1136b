using Navigator.LiveKit.Streaming;
using Navigator.LiveKit.Tokens;

namespace Navigator.LiveKit.Tests;

/// <summary>LiveKit's native core driven from C#: connect to the double, publish a screen share, push frames.</summary>
public sealed class RoomConnectionTests
{
    private static readonly LiveKitOptions Options = new();

    [Fact]
    public async Task Published_frames_reach_the_double_as_vp8_with_a_keyframe_at_the_source_size()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        var settings = Settings(server, "room-ffi", 640, 360);

        await using var connection = await LiveKitRoomConnection.ConnectAsync(LiveKitNetwork.Instance.Ffi, settings, Options, CancellationToken.None);
        var pixels = new byte[640 * 360 * 4];
        using var pump = new CancellationTokenSource();
        var frames = PumpAsync(connection, pixels, pump.Token);

        var stats = await server.WaitForStatsAsync(s => s.Keyframes >= 1 && s.Frames >= 10, TimeSpan.FromSeconds(60), "a keyframe and 10 frames");
        await pump.CancelAsync();
        await frames;

        Assert.Equal("room-ffi", connection.RoomName);
        Assert.StartsWith("TR_", connection.TrackSid, StringComparison.Ordinal);
        Assert.Equal((640, 360), (stats.KeyframeWidth, stats.KeyframeHeight));
        Assert.Equal(3, stats.TrackSource); // SCREEN_SHARE in livekit_models.proto
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_is_refused_with_a_clear_error()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        var settings = Settings(server, "room-bad", 640, 360) with
        {
            Token = new LiveKitTokenMinter(server.ApiKey, "not-the-secret-of-the-double-at-all").MintPublisherToken("room-bad", "navigator-browser", TimeSpan.FromHours(1)),
        };

        var error = await Assert.ThrowsAsync<LiveKitException>(() => LiveKitRoomConnection.ConnectAsync(LiveKitNetwork.Instance.Ffi, settings, Options, CancellationToken.None));

        var stats = await server.StatsAsync();
        Assert.Equal(LiveKitErrorCodes.ConnectFailed, error.Code);
        Assert.Contains("refused the connection; check livekit_token", error.Message, StringComparison.Ordinal);
        Assert.True(stats.Rejected >= 1);
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_a_clear_error()
    {
        var settings = new LiveKitPublishSettings { Url = "ws://10.77.0.2:9", Token = "x.y.z", Width = 320, Height = 240, Fps = 5 };

        var error = await Assert.ThrowsAsync<LiveKitException>(() => LiveKitRoomConnection.ConnectAsync(LiveKitNetwork.Instance.Ffi, settings, Options, CancellationToken.None));

        Assert.Equal(LiveKitErrorCodes.ConnectFailed, error.Code);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    internal static LiveKitPublishSettings Settings(LiveKitDouble server, string room, int width, int height) => new()
    {
        Url = server.Url,
        Token = new LiveKitTokenMinter(server.ApiKey, server.ApiSecret).MintPublisherToken(room, "navigator-browser", TimeSpan.FromHours(1)),
        Width = width,
        Height = height,
        Fps = 15,
    };

    private static async Task PumpAsync(LiveKitRoomConnection connection, byte[] pixels, CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(66));
        var frame = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                // A moving band, so the encoder has something to send.
                Array.Fill(pixels, (byte)(frame * 7 % 255));
                connection.CaptureFrame(pixels, frame++ * 66_000L);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the test.
        }
    }
}
