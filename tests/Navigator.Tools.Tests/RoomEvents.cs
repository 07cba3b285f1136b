using System.Text.Json;
using Navigator.Tools.Events;

namespace Navigator.Tools.Tests;

/// <summary>A subscriber of one room that keeps every event, for assertions.</summary>
public sealed class RoomEvents : IDisposable
{
    private readonly IRoomEventSubscription _subscription;
    private readonly List<JsonElement> _received = [];
    private readonly Lock _sync = new();
    private readonly Task _reader;

    public RoomEvents(IRoomEventBroadcaster broadcaster, string roomName)
    {
        _subscription = broadcaster.Subscribe(roomName);
        _reader = Task.Run(ReadAsync);
    }

    public IReadOnlyList<JsonElement> All
    {
        get
        {
            lock (_sync)
            {
                return [.. _received];
            }
        }
    }

    public int Count(string type) => All.Count(e => e.GetProperty("type").GetString() == type);

    /// <summary>The first event of <paramref name="type"/> after the first <paramref name="skip"/> of that type.</summary>
    public async Task<JsonElement> WaitForAsync(string type, TimeSpan timeout, int skip = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = All.Where(e => e.GetProperty("type").GetString() == type).Skip(skip).FirstOrDefault();
            if (match.ValueKind != JsonValueKind.Undefined)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {type} event within {timeout.TotalSeconds} s; got: {string.Join(", ", All.Select(e => e.GetProperty("type").GetString()))}");
            }

            await Task.Delay(20);
        }
    }

    private async Task ReadAsync()
    {
        await foreach (var message in _subscription.Reader.ReadAllAsync())
        {
            using var document = JsonDocument.Parse(message);
            lock (_sync)
            {
                _received.Add(document.RootElement.Clone());
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _ = _reader;
    }
}
