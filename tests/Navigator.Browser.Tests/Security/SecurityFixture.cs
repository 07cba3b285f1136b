using Navigator.Browser.Security;
using Navigator.Testing;

namespace Navigator.Browser.Tests.Security;

/// <summary>
/// A browser that resolves every <c>*.test</c> and <c>*.example</c> host to the local test server,
/// so policies can be tried against many host names that all reach one counting server.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const string HostRules = "MAP *.test 127.0.0.1, MAP *.test. 127.0.0.1, MAP *.example 127.0.0.1";

    public BrowserPool Pool { get; private set; } = null!;

    public TestWebServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync();
        var options = new BrowserPoolOptions();
        options.Chromium.ExtraArguments.Add("--host-resolver-rules=" + HostRules);
        Pool = new BrowserPool(options);
        await Pool.WarmUpAsync();
    }

    public Task<BrowserSession> NewSessionAsync(NavigationPolicy? policy = null, DownloadOptions? downloads = null) =>
        Pool.CreateSessionAsync(new BrowserSessionOptions
        {
            NavigationPolicy = policy ?? NavigationPolicy.Unrestricted,
            Downloads = downloads ?? new DownloadOptions(),
        });

    /// <summary>http://host:port/path on the test server.</summary>
    public string Url(string host, string path) => Server.Url(host, path);

    public async Task DisposeAsync()
    {
        await Pool.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}
