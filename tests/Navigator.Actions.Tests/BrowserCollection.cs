using Navigator.Testing;

namespace Navigator.Actions.Tests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SharedBrowserFixture>
{
    public const string Name = "browser";
}
