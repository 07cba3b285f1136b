using Navigator.Testing;

namespace Navigator.Cdp.Tests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SharedBrowserFixture>
{
    public const string Name = "browser";
}
