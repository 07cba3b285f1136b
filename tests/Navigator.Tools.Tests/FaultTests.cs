using System.Diagnostics;
using System.Text.Json;
using Navigator.Browser;
using Navigator.Testing;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Tests;

/// <summary>
/// Rooms whose renderer crashes, whose browser dies, whose page spins or loops on dialogs: the
/// fault is reported, recovery brings the room back (or onto a safe page when the page keeps
/// failing) and closing never waits on the page. Bounds here are generous; the benchmark
/// <c>faults</c> measures the real times.
/// </summary>
[Collection(RoomsCollection.Name)]
public sealed class FaultTests(RoomsFixture fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(8);

    /// <summary>Long enough for the busy page's timer to have started its loop.</summary>
    private static readonly TimeSpan SpinStart = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task RendererCrash_IsReported_RecoveredAtTheLastUrl_AndClosesQuickly()
    {
        await using var manager = fixture.NewManager();
        using var events = new RoomEvents(manager.Events, "crash-room");
        await manager.StartAsync(new StartSessionRequest { RoomName = "crash-room", InitialUrl = fixture.Server.Url(FaultPages.Ok) });

        await CrashRendererAsync(manager, "crash-room");
        var error = await events.WaitForAsync("browser_error", Generous);
        Assert.Equal("browser_crashed", error.GetProperty("error_code").GetString());
        Assert.Equal("crashed", manager.Get("crash-room").Status);
        var refused = await Assert.ThrowsAsync<NavigatorToolException>(() => Act(manager, "crash-room", "extract", "{}"));
        Assert.Equal(ToolErrorCodes.BrowserCrashed, refused.Code);

        var (info, rebuilt) = await manager.RecoverAsync("crash-room").WaitAsync(Generous);
        Assert.True(rebuilt);
        Assert.Equal("active", info.Status);
        Assert.Equal(fixture.Server.Url(FaultPages.Ok), info.Url);
        Assert.Null(info.Warning);
        var extracted = await Act(manager, "crash-room", "extract", """{"format":"text"}""");
        Assert.True(extracted.Success, extracted.Error);
        Assert.Equal("ok", extracted.Title);

        await manager.CloseAsync("crash-room").WaitAsync(Generous);
        await events.WaitForAsync("session_closed", Generous);
    }

    [Fact]
    public async Task RendererCrash_WithAutoRecover_RebuildsTheRoomByItself()
    {
        await using var manager = fixture.NewManager(o => o.AutoRecover = true);
        using var events = new RoomEvents(manager.Events, "auto-room");
        await manager.StartAsync(new StartSessionRequest { RoomName = "auto-room", InitialUrl = fixture.Server.Url(FaultPages.Ok) });

        await CrashRendererAsync(manager, "auto-room");
        await events.WaitForAsync("browser_error", Generous);
        var restarted = await events.WaitForAsync("session_started", Generous, skip: 1);
        Assert.True(restarted.GetProperty("recovered").GetBoolean());

        var extracted = await Act(manager, "auto-room", "extract", """{"format":"text"}""");
        Assert.True(extracted.Success, extracted.Error);
        Assert.Equal("ok", extracted.Title);
        Assert.Equal(1, manager.GetState("auto-room").Recoveries);
    }

    [Fact]
    public async Task APageThatCrashesTwice_IsRecoveredOnASafePage_WithANote()
    {
        await using var manager = fixture.NewManager();
        await manager.StartAsync(new StartSessionRequest { RoomName = "twice-room", InitialUrl = fixture.Server.Url(FaultPages.Ok) });

        await CrashRendererAsync(manager, "twice-room");
        await Eventually.TrueAsync(() => manager.Get("twice-room").Status == "crashed", Generous, "the first crash is noticed");
        var (first, _) = await manager.RecoverAsync("twice-room");
        Assert.Equal(fixture.Server.Url(FaultPages.Ok), first.Url);

        await CrashRendererAsync(manager, "twice-room");
        await Eventually.TrueAsync(() => manager.Get("twice-room").Status == "crashed", Generous, "the second crash is noticed");
        var (second, rebuilt) = await manager.RecoverAsync("twice-room");
        Assert.True(rebuilt);
        Assert.Equal("about:blank", second.Url);
        Assert.Contains("2 times", second.Warning, StringComparison.Ordinal);
        Assert.Contains(fixture.Server.Url(FaultPages.Ok), second.Warning, StringComparison.Ordinal);

        // The room works and can go back to pages.
        var navigated = await Act(manager, "twice-room", "navigate", $$"""{"url":"{{fixture.Server.Url(FaultPages.Other)}}"}""");
        Assert.True(navigated.Success, navigated.Error);
    }

    [Fact]
    public async Task ABusyPage_IsRecoveredOnceAtItsUrl_ThenOntoASafePage_AndClosesQuickly()
    {
        await using var manager = fixture.NewManager();
        await manager.StartAsync(new StartSessionRequest { RoomName = "busy-room", InitialUrl = fixture.Server.Url(FaultPages.BusyAfterLoad) });

        // The page starts spinning 50 ms after its load event.
        await Task.Delay(SpinStart);
        var (first, rebuiltFirst) = await manager.RecoverAsync("busy-room").WaitAsync(Generous);
        Assert.True(rebuiltFirst);
        Assert.Equal(fixture.Server.Url(FaultPages.BusyAfterLoad), first.Url);

        await Task.Delay(SpinStart);
        var (second, rebuiltSecond) = await manager.RecoverAsync("busy-room").WaitAsync(Generous);
        Assert.True(rebuiltSecond);
        Assert.Equal("about:blank", second.Url);
        Assert.Contains("stopped responding", second.Warning, StringComparison.Ordinal);

        // A spinning page must not hold the close either (opened directly: how actions behave on it is the dispatcher's matter).
        await manager.RunAsync("busy-room", async (room, ct) => await room.Browser!.NavigateAsync(fixture.Server.Url(FaultPages.BusyAfterLoad), NavigationWaitUntil.Load, ct), requireHealthy: true, CancellationToken.None);
        await Task.Delay(SpinStart);
        await manager.CloseAsync("busy-room").WaitAsync(Generous);
    }

    [Fact]
    public async Task AnAlertLoop_DoesNotHoldRecoveryOrClose()
    {
        // A long coalescing window: recovery must use the URL still held in it (the page never loads, so no load event flushes it).
        await using var manager = fixture.NewManager(o => o.UrlChangeWindow = TimeSpan.FromSeconds(30));
        await manager.StartAsync(new StartSessionRequest { RoomName = "alert-room", InitialUrl = fixture.Server.Url(FaultPages.Ok) });
        var navigated = await Act(manager, "alert-room", "navigate", $$"""{"url":"{{fixture.Server.Url(FaultPages.AlertLoop)}}"}""");

        var (first, rebuilt) = await manager.RecoverAsync("alert-room").WaitAsync(Generous);
        Assert.True(rebuilt);
        Assert.True(fixture.Server.Url(FaultPages.AlertLoop) == first.Url, $"recovered to {first.Url}; navigate gave success={navigated.Success} error={navigated.ErrorCode} {navigated.Error} url={navigated.Url}");

        var (second, _) = await manager.RecoverAsync("alert-room").WaitAsync(Generous);
        Assert.Equal("about:blank", second.Url);
        Assert.NotNull(second.Warning);
        var extracted = await Act(manager, "alert-room", "extract", """{"format":"text"}""");
        Assert.True(extracted.Success, extracted.Error);

        _ = await Act(manager, "alert-room", "navigate", $$"""{"url":"{{fixture.Server.Url(FaultPages.AlertLoop)}}"}""");
        await manager.CloseAsync("alert-room").WaitAsync(Generous);
    }

    [Fact]
    public async Task KilledBrowser_IsReported_AndTheRoomIsRebuiltOnANewBrowser()
    {
        await using var pool = new BrowserPool(new BrowserPoolOptions { Isolation = BrowserIsolation.ProcessPerSession, WarmBrowsers = 1 });
        await using var manager = fixture.NewManager(pool: pool);
        using var events = new RoomEvents(manager.Events, "kill-room");
        await manager.StartAsync(new StartSessionRequest { RoomName = "kill-room", InitialUrl = fixture.Server.Url(FaultPages.Ok) });
        var pid = await manager.RunAsync("kill-room", (r, _) => Task.FromResult(r.Browser!.Browser.Process.ProcessId), requireHealthy: true, CancellationToken.None);

        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        var error = await events.WaitForAsync("browser_error", Generous);
        Assert.Equal("browser_crashed", error.GetProperty("error_code").GetString());

        var (info, rebuilt) = await manager.RecoverAsync("kill-room").WaitAsync(Generous);
        Assert.True(rebuilt);
        Assert.Equal(fixture.Server.Url(FaultPages.Ok), info.Url);
        var extracted = await Act(manager, "kill-room", "extract", """{"format":"text"}""");
        Assert.Equal("ok", extracted.Title);
        await manager.CloseAsync("kill-room").WaitAsync(Generous);
    }

    /// <summary>Crashes the active tab's renderer the way a renderer bug would (Page.crash).</summary>
    internal static Task CrashRendererAsync(RoomSessionManager manager, string roomName) =>
        manager.RunAsync(roomName, (room, ct) =>
        {
            // Page.crash never answers: the renderer is gone.
            var crash = room.Browser!.ActivePage.Cdp.SendRawAsync("Page.crash", timeout: TimeSpan.FromSeconds(5), cancellationToken: CancellationToken.None);
            crash.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Wait(0, ct);
            return Task.FromResult(true);
        }, requireHealthy: true, CancellationToken.None);

    internal static Task<Navigator.Actions.ActionResult> Act(RoomSessionManager manager, string roomName, string actionType, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        return manager.ExecuteActionAsync(roomName, actionType, document.RootElement.Clone(), parameters.Length, CancellationToken.None);
    }
}
