using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Events;

namespace Navigator.Server.Tests;

/// <summary>A WebSocket event client that stops reading is cut with 1008, as docs/mcp.md promises.</summary>
[Trait("Step", "16")]
public sealed class SlowSubscriberTests
{
    [Fact]
    public async Task AClientThatStopsReading_IsClosedWith1008_AfterTheEventsItWasSent()
    {
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?> { ["Events:PerConnectionBuffer"] = "8" });
        var events = server.Services.GetRequiredService<IRoomEventBroadcaster>();
        const string room = "slow-reader";
        long dropped = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ToolTelemetry.Name && instrument.Name == ToolTelemetry.SubscribersDroppedName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        meter.Start();

        using var socket = new ClientWebSocket();
        using (var connect = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await socket.ConnectAsync(server.EventsUri(room), connect.Token);
        }

        // The subscription exists once the handshake is done; wait for it rather than for time.
        await WaitUntilAsync(() => events.GetConnectionCount(room) == 1);

        // The client reads nothing: the socket buffers fill, the server's send blocks, its queue of 8 overflows.
        var error = new string('x', 32 * 1024);
        var published = 0;
        while (events.GetConnectionCount(room) > 0 && published < 20_000)
        {
            events.Publish(room, new BrowserErrorEvent { Error = error, ErrorCode = "test", Timestamp = published });
            if (++published % 8 == 0)
            {
                // Paced so that a client that reads would keep up: the drop is the stalled reader's doing.
                await Task.Delay(1);
            }
        }

        Assert.Equal(0, events.GetConnectionCount(room));

        // Reading again, the client gets what was already sent, then the close.
        var buffer = new byte[64 * 1024];
        var messages = 0;
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, read.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            if (received.EndOfMessage)
            {
                messages++;
            }
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Contains("too slow", socket.CloseStatusDescription, StringComparison.Ordinal);
        Assert.InRange(messages, 1, published - 1);
        Assert.True(Interlocked.Read(ref dropped) >= 1);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
