using Navigator.Browser.Launching;
using Navigator.Testing;

namespace Navigator.Cdp.Tests;

/// <summary>One raw Chromium process for the CDP client tests.</summary>
public sealed class ChromiumProcessFixture : IAsyncLifetime
{
    public ChromiumProcess Browser { get; private set; } = null!;

    public TestWebServer Server { get; private set; } = null!;

    public CdpConnection Connection => Browser.Connection;

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync();
        Browser = await ChromiumProcess.LaunchAsync(new ChromiumOptions());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumProcessCollection : ICollectionFixture<ChromiumProcessFixture>
{
    public const string Name = "chromium-process";
}
