using Navigator.Actions.State;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(BrowserCollection.Name)]
[Trait("Step", "4")]
public sealed class StateAccessibilityTreeTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task Tree_ListsInteractiveElementsWithRolesNamesAndStates()
    {
        fixture.Server.MapHtml("/ax/form", """
            <html><head><title>AX form</title></head><body>
            <h2>Settings</h2>
            <label>Email <input type="email" value="a@b.c"></label>
            <label><input type="checkbox" checked> Notify me</label>
            <button aria-expanded="false">More</button>
            <a href="/help">Help</a>
            <div style="display:none"><button>Invisible</button></div>
            <iframe src="/ax/child" style="width:300px;height:80px"></iframe>
            </body></html>
            """);
        fixture.Server.MapHtml("/ax/child", "<html><body><button>In frame</button></body></html>");
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/ax/form"));

        var tree = await new AccessibilityTreeReader().ReadAsync(session.ActivePage);

        Assert.StartsWith("document \"AX form\"", tree, StringComparison.Ordinal);
        Assert.Contains("heading \"Settings\" level=2", tree, StringComparison.Ordinal);
        Assert.Contains("textbox \"Email\" value=\"a@b.c\"", tree, StringComparison.Ordinal);
        Assert.Contains("checkbox \"Notify me\" checked", tree, StringComparison.Ordinal);
        Assert.Contains("button \"More\" not-expanded", tree, StringComparison.Ordinal);
        Assert.Contains("link \"Help\"", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("Invisible", tree, StringComparison.Ordinal);
        Assert.Contains("button \"In frame\"", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("generic", tree, StringComparison.Ordinal);
        // Static text equal to its parent's name is folded into the parent.
        Assert.DoesNotContain("text \"Help\"", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("text \"a@b.c\"", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid", tree, StringComparison.Ordinal);

        var withIds = await new AccessibilityTreeReader().ReadAsync(session.ActivePage, new AccessibilityTreeOptions { IncludeNodeIds = true, IncludeFrames = false, MaxLength = 120 });
        Assert.Contains("[#", withIds, StringComparison.Ordinal);
        Assert.EndsWith("[accessibility tree truncated]\n", withIds, StringComparison.Ordinal);
        Assert.DoesNotContain("In frame", withIds, StringComparison.Ordinal);
    }
}
