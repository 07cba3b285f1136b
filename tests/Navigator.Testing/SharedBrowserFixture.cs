using Navigator.Browser;
using Xunit;

namespace Navigator.Testing;

/// <summary>
/// One warm browser pool and page server for a whole test collection, so tests pay
/// for a context, not a browser launch.
/// </summary>
public sealed class SharedBrowserFixture : IAsyncLifetime
{
    /// <summary>The pool (shared-process isolation).</summary>
    public BrowserPool Pool { get; private set; } = null!;

    /// <summary>The local page server.</summary>
    public TestWebServer Server { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync();
        Pool = new BrowserPool(new BrowserPoolOptions());
        await Pool.WarmUpAsync();
    }

    /// <summary>A fresh isolated session.</summary>
    public Task<BrowserSession> NewSessionAsync(BrowserSessionOptions? options = null) =>
        Pool.CreateSessionAsync(options ?? new BrowserSessionOptions());

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Pool.DisposeAsync();
        await Server.DisposeAsync();
    }
}
