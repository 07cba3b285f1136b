using Navigator.Testing;

namespace Navigator.Media.Tests;

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<SharedBrowserFixture>
{
    public const string Name = "media";
}
