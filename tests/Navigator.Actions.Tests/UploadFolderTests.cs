using Navigator.Actions.Dispatch;

namespace Navigator.Actions.Tests;

/// <summary>upload_file hands a page only files inside the configured folder.</summary>
public sealed class UploadFolderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("navigator-uploads-");

    public UploadFolderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "allowed", "sub"));
        File.WriteAllText(Path.Combine(_root.FullName, "allowed", "sub", "report.txt"), "ok");
        File.WriteAllText(Path.Combine(_root.FullName, "secret.txt"), "secret");
    }

    private string Allowed => Path.Combine(_root.FullName, "allowed");

    [Fact]
    public void AFileInTheFolder_IsAccepted()
    {
        var files = UploadFolder.Resolve(Allowed, [Path.Combine(Allowed, "sub", "report.txt")]);
        Assert.Equal([Path.Combine(Allowed, "sub", "report.txt")], files);
    }

    [Fact]
    public void WithoutAFolder_UploadsAreTurnedOff()
    {
        var refused = Assert.Throws<ActionException>(() => UploadFolder.Resolve(null, ["/etc/hostname"]));
        Assert.Equal(ActionErrorCodes.InvalidParameter, refused.Code);
        Assert.Contains("turned off", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("{allowed}/../secret.txt")]
    [InlineData("{allowed}/sub/../../secret.txt")]
    [InlineData("{root}/allowed-sibling/report.txt")]
    public void PathsOutsideTheFolder_AreRefused(string path)
    {
        var concrete = path.Replace("{allowed}", Allowed, StringComparison.Ordinal).Replace("{root}", _root.FullName, StringComparison.Ordinal);
        var refused = Assert.Throws<ActionException>(() => UploadFolder.Resolve(Allowed, [concrete]));
        Assert.Contains("outside the upload folder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SymbolicLinksLeadingOut_AreRefused()
    {
        File.CreateSymbolicLink(Path.Combine(Allowed, "link.txt"), Path.Combine(_root.FullName, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Allowed, "etc"), "/etc");

        Assert.Throws<ActionException>(() => UploadFolder.Resolve(Allowed, [Path.Combine(Allowed, "link.txt")]));
        Assert.Throws<ActionException>(() => UploadFolder.Resolve(Allowed, [Path.Combine(Allowed, "etc", "hostname")]));
    }

    [Fact]
    public void SymbolicLinksStayingInside_AreFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(Allowed, "alias.txt"), Path.Combine(Allowed, "sub", "report.txt"));
        Assert.Equal([Path.Combine(Allowed, "sub", "report.txt")], UploadFolder.Resolve(Allowed, [Path.Combine(Allowed, "alias.txt")]));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
