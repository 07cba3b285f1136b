using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Navigator.LiveKit.Streaming;
using Navigator.Testing;
using Navigator.Tools.Events;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;

namespace Navigator.LiveKit.ServerTests;

/// <summary>
/// start_browser_session with a livekit_url against a real LiveKit server: the service mints the
/// token with the server's key and secret, and LiveKit's own Node SDK, joined as a second
/// participant, receives the screen share and decodes its frames.
/// </summary>
public sealed class RealServerTests
{
    [LiveKitServerFact]
    public async Task A_session_publishes_its_screen_share_to_a_real_server_and_a_subscriber_decodes_frames_at_the_sessions_size()
    {
        var (url, key, secret) = (Variable("LIVEKIT_URL"), Variable("LIVEKIT_API_KEY"), Variable("LIVEKIT_API_SECRET"));
        var room = "navigator-test-" + Guid.NewGuid().ToString("N")[..8];
        var browsers = new SharedBrowserFixture();
        await browsers.InitializeAsync();
        try
        {
            browsers.Server.MapHtml("/animated", """
                <!doctype html><title>animated</title>
                <style>body{margin:0;background:#fff} #box{position:absolute;width:200px;height:200px;background:#c03;animation:move 2s linear infinite alternate}
                @keyframes move{from{left:0;top:0}to{left:1000px;top:400px}}</style><div id="box"></div>
                """);
            await using var subscriber = Subscriber.Start(url, room, key, secret);
            await subscriber.WaitForAsync("connected", _ => true);

            var options = new LiveKitOptions { ApiKey = key, ApiSecret = secret };
            var media = new RoomMediaFactory();
            var events = new InMemoryRoomEventBroadcaster();
            await using var manager = new RoomSessionManager(
                browsers.Pool,
                new InMemorySessionDirectory(),
                events,
                Options.Create(new SessionManagerOptions { IdleTimeout = TimeSpan.Zero }),
                componentFactories: [media, new RoomStreamFactory(new LiveKitStreaming(Options.Create(options)), media, events)]);
            await manager.StartAsync(new StartSessionRequest { RoomName = room, InitialUrl = browsers.Server.Url("/animated"), LiveKitUrl = url, ViewportWidth = 1280, ViewportHeight = 720, Fps = 15 });

            var subscribed = await subscriber.WaitForAsync("subscribed", _ => true);
            var frames = await subscriber.WaitForAsync("frames", m => m.GetProperty("frames").GetInt32() >= 30);

            Assert.Equal((3, "navigator-browser"), (subscribed.GetProperty("source").GetInt32(), subscribed.GetProperty("identity").GetString())); // SOURCE_SCREENSHARE
            Assert.Equal((1280, 720), (frames.GetProperty("width").GetInt32(), frames.GetProperty("height").GetInt32()));
            var streaming = manager.Get(room).Streaming!;
            Assert.Equal(LiveKitStreamStates.Live, streaming.State);
            Assert.StartsWith("TR_", streaming.TrackSid, StringComparison.Ordinal);
            await manager.CloseAsync(room);
        }
        finally
        {
            await browsers.DisposeAsync();
        }
    }

    private static string Variable(string name) => Environment.GetEnvironmentVariable(name)!;

    /// <summary>subscriber.mjs running: LiveKit's Node SDK in the room, reporting what it receives.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
        private readonly List<string> _seen = [];
        private readonly Task _reader;

        private Subscriber(Process process)
        {
            _process = process;
            _reader = Task.Run(ReadAsync);
        }

        public static Subscriber Start(string url, string room, string key, string secret)
        {
            var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false };
            foreach (var argument in new[] { Script(), url, room, "navigator-test-subscriber" })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["LIVEKIT_API_KEY"] = key;
            info.Environment["LIVEKIT_API_SECRET"] = secret;
            return new Subscriber(Process.Start(info)!);
        }

        public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool> match)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await foreach (var message in _messages.Reader.ReadAllAsync(timeout.Token))
                {
                    // The SDK logs JSON lines of its own (no "type") to the same stdout.
                    if (message.TryGetProperty("type", out var kind) && kind.GetString() == type && match(message))
                    {
                        return message;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Reported below with what the subscriber said.
            }

            lock (_seen)
            {
                throw new TimeoutException($"The subscriber exited or reported no matching '{type}' within 60 s; it said: {string.Join(" | ", _seen.TakeLast(10))}");
            }
        }

        private static string Script()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Navigator.LiveKit.ServerTests", "subscriber.mjs");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("tests/Navigator.LiveKit.ServerTests/subscriber.mjs not found above " + AppContext.BaseDirectory);
        }

        private async Task ReadAsync()
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_seen)
                {
                    _seen.Add(line);
                }

                try
                {
                    _messages.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
                }
                catch (JsonException)
                {
                    // Not JSON: a plain log line.
                }
            }

            _messages.Writer.TryComplete();
        }

        public async ValueTask DisposeAsync()
        {
            // Closing stdin makes the script leave the room; a stuck one is killed.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            await _reader;
            _process.Dispose();
        }
    }
}
