using Navigator.Testing;

namespace Navigator.Vision.Tests;

[CollectionDefinition(Name)]
public sealed class VisionCollection : ICollectionFixture<SharedBrowserFixture>
{
    public const string Name = "vision";
}
