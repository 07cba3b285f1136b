using Navigator.Testing;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>One navigator server (with its warm browser) and one page server per test collection.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestWebServer Pages { get; private set; } = null!;

    public NavigatorTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pages = await TestWebServer.StartAsync();
        Server = await NavigatorTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Pages.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "navigator-server";
}
