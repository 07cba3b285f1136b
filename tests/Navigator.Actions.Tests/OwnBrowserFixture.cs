using Navigator.Browser;

namespace Navigator.Actions.Tests;

/// <summary>A browser pool of a test class's own, whose renderers and browser its tests may kill (the pool relaunches a dead browser).</summary>
public sealed class OwnBrowserFixture : IAsyncLifetime
{
    public BrowserPool Pool { get; } = new(new BrowserPoolOptions());

    public Task InitializeAsync() => Pool.WarmUpAsync();

    public async Task DisposeAsync() => await Pool.DisposeAsync();
}
