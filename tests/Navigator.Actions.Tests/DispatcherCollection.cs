using Navigator.Testing;

namespace Navigator.Actions.Tests;

[CollectionDefinition(Name)]
public sealed class DispatcherCollection : ICollectionFixture<SharedBrowserFixture>
{
    public const string Name = "dispatcher";
}
