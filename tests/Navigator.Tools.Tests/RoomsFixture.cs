using Microsoft.Extensions.Options;
using Navigator.Browser;
using Navigator.Testing;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Tests;

/// <summary>One page server and warm browser pool for the collection; each test builds its own manager on them.</summary>
public sealed class RoomsFixture : IAsyncLifetime
{
    public TestWebServer Server { get; private set; } = null!;

    public BrowserPool Pool { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync();
        FaultPages.Map(Server);
        Pool = new BrowserPool(new BrowserPoolOptions());
        await Pool.WarmUpAsync();
    }

    /// <summary>A manager on the shared pool with its own broadcaster.</summary>
    public RoomSessionManager NewManager(Action<SessionManagerOptions>? configure = null, BrowserPool? pool = null, TimeProvider? time = null)
    {
        var options = new SessionManagerOptions { IdleTimeout = TimeSpan.Zero };
        configure?.Invoke(options);
        return new RoomSessionManager(pool ?? Pool, new InMemorySessionDirectory(), new InMemoryRoomEventBroadcaster(), Options.Create(options), time);
    }

    public async Task DisposeAsync()
    {
        await Pool.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RoomsCollection : ICollectionFixture<RoomsFixture>
{
    public const string Name = "rooms";
}
