using System.Text.Json;
using Microsoft.Extensions.Options;
using Navigator.Tools.Events;

namespace Navigator.Server.Tests;

[Trait("Step", "10")]
public sealed class EventBroadcasterTests
{
    private static InMemoryRoomEventBroadcaster Create(int buffer) =>
        new(Options.Create(new RoomEventBroadcasterOptions { PerConnectionBuffer = buffer }));

    private static DomChangeEvent Change(int i) => new() { ChangeType = "element_added", Summary = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Timestamp = 1 };

    private static int SequenceOf(ReadOnlyMemory<byte> message) =>
        int.Parse(JsonDocument.Parse(message).RootElement.GetProperty("summary").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ASubscriberThatFallsBehind_IsDropped_WhileOthersKeepEverythingInOrder()
    {
        var broadcaster = Create(buffer: 4);
        using var reader = broadcaster.Subscribe("room");
        using var stalled = broadcaster.Subscribe("room");
        var received = new List<int>();

        for (var i = 0; i < 100; i++)
        {
            broadcaster.Publish("room", Change(i));
            while (reader.Reader.TryRead(out var message))
            {
                received.Add(SequenceOf(message));
            }
        }

        Assert.Equal(Enumerable.Range(0, 100), received);
        Assert.True(stalled.Dropped.IsCancellationRequested);
        Assert.True(stalled.Reader.Completion.IsCompleted || stalled.Reader.Count == 4);
        Assert.Equal(1, broadcaster.GetConnectionCount("room"));
    }

    [Fact]
    public void EventsGoOnlyToTheirRoom_AndEmptyRoomsAreForgotten()
    {
        var broadcaster = Create(buffer: 16);
        var a = broadcaster.Subscribe("a");
        var b = broadcaster.Subscribe("b");

        broadcaster.Publish("a", Change(1));
        broadcaster.Publish("nobody", Change(2));

        Assert.True(a.Reader.TryRead(out _));
        Assert.False(b.Reader.TryRead(out _));
        Assert.Equal(2, broadcaster.TotalConnections);
        a.Dispose();
        b.Dispose();
        Assert.Equal(0, broadcaster.TotalConnections);
        Assert.Equal(0, broadcaster.GetConnectionCount("a"));
        Assert.True(a.Reader.Completion.IsCompleted);

        using var again = broadcaster.Subscribe("a");
        broadcaster.Publish("a", Change(3));
        Assert.True(again.Reader.TryRead(out var message));
        Assert.Equal(3, SequenceOf(message));
    }

    [Fact]
    public void EventJson_UsesTheSeedShapes()
    {
        var broadcaster = Create(buffer: 16);
        using var subscription = broadcaster.Subscribe("r");
        var action = new ActionDescriptor { ActionType = "click", Params = JsonDocument.Parse("""{"index":5}""").RootElement };

        broadcaster.Publish("r", new ActionErrorEvent { Error = "Element not found", ErrorCode = "element_not_found", Action = action, Timestamp = 1234567890.123 });
        broadcaster.Publish("r", new ActionCompletedEvent { Action = action, Timestamp = 1234567890.5 });
        broadcaster.Publish("r", new BrowserErrorEvent { Error = "Browser process crashed", Timestamp = 1 });
        broadcaster.Publish("r", new DomChangeEvent { ChangeType = "element_added", Timestamp = 2 });

        string Next() => subscription.Reader.TryRead(out var m) ? System.Text.Encoding.UTF8.GetString(m.Span) : "";
        Assert.Equal("""{"type":"action_error","error":"Element not found","error_code":"element_not_found","action":{"action_type":"click","params":{"index":5}},"timestamp":1234567890.123}""", Next());
        Assert.Equal("""{"type":"action_completed","action":{"action_type":"click","params":{"index":5}},"timestamp":1234567890.5}""", Next());
        Assert.Equal("""{"type":"browser_error","error":"Browser process crashed","timestamp":1}""", Next());
        Assert.Equal("""{"type":"dom_change","change_type":"element_added","timestamp":2}""", Next());
    }
}
