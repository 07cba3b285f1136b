using Microsoft.Extensions.Time.Testing;
using Navigator.Testing;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Tests;

/// <summary>
/// The hang check finds a page spinning in a script while no call runs and tells the room's
/// clients (browser_error, page_unresponsive) once; a page that answers or shows a dialog is left
/// alone. The wait for an answer runs on the injected clock, so the test decides when it expires.
/// </summary>
[Collection(RoomsCollection.Name)]
public sealed class HangWatchdogTests(RoomsFixture fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AHungPageWithNoCall_IsReportedOnce_WhileAnsweringAndDialogPagesAreNot()
    {
        const string AlertPage = "/watchdog-alert";
        fixture.Server.MapHtml(AlertPage, "<!doctype html><title>asks</title><script>addEventListener('load', () => setTimeout(() => alert('hello'), 20));</script>");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var manager = fixture.NewManager(o => o.HangTimeout = TimeSpan.FromSeconds(5), time: time);
        using var busyEvents = new RoomEvents(manager.Events, "hung-room");
        using var calmEvents = new RoomEvents(manager.Events, "calm-room");
        await manager.StartAsync(new StartSessionRequest { RoomName = "calm-room", InitialUrl = fixture.Server.Url(FaultPages.Ok) });
        await manager.StartAsync(new StartSessionRequest { RoomName = "dialog-room", InitialUrl = fixture.Server.Url(AlertPage) });
        await WaitForDialogAsync(manager, "dialog-room");

        // Answering pages pass without the clock moving at all.
        Assert.Equal(0, await manager.CheckHungAsync().WaitAsync(Generous));

        await manager.StartAsync(new StartSessionRequest { RoomName = "hung-room", InitialUrl = fixture.Server.Url(FaultPages.BusyAfterLoad) });
        await Task.Delay(500); // the page starts spinning 50 ms after its load event

        Assert.Equal(1, await ExpireAsync(time, manager.CheckHungAsync()));
        var error = await busyEvents.WaitForAsync("browser_error", Generous);
        Assert.Equal(ToolErrorCodes.PageUnresponsive, error.GetProperty("error_code").GetString());
        Assert.Contains(FaultPages.BusyAfterLoad, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", manager.Get("hung-room").Status);

        // Still hung: not reported again.
        Assert.Equal(0, await ExpireAsync(time, manager.CheckHungAsync()));
        Assert.Equal(1, busyEvents.Count("browser_error"));
        Assert.Equal(0, calmEvents.Count("browser_error"));
    }

    [Fact]
    public async Task AHungPage_WithAutoRecover_IsRebuiltWithoutACall()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var manager = fixture.NewManager(o => { o.AutoRecover = true; o.HangTimeout = TimeSpan.FromSeconds(5); }, time: time);
        using var events = new RoomEvents(manager.Events, "auto-hung");
        await manager.StartAsync(new StartSessionRequest { RoomName = "auto-hung", InitialUrl = fixture.Server.Url(FaultPages.BusyAfterLoad) });
        await Task.Delay(500);

        Assert.Equal(1, await ExpireAsync(time, manager.CheckHungAsync()));

        await events.WaitForAsync("browser_error", Generous);
        var restarted = await events.WaitForAsync("session_started", Generous, skip: 1);
        Assert.True(restarted.GetProperty("recovered").GetBoolean());
        Assert.Equal(1, manager.Get("auto-hung").Recoveries);
    }

    /// <summary>Moves the fake clock until the check is done (its wait for an answer starts when it gets to the page).</summary>
    private static async Task<int> ExpireAsync(FakeTimeProvider time, Task<int> check)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!check.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(check, Task.Delay(100));
        }

        return await check.WaitAsync(Generous);
    }

    private static async Task WaitForDialogAsync(RoomSessionManager manager, string room)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!await manager.RunAsync(room, (r, _) => Task.FromResult(r.Attachment!.Dialogs.IsOpen(r.Browser!.ActivePage)), requireHealthy: true, CancellationToken.None))
        {
            Assert.True(DateTime.UtcNow < deadline, "the page's alert never opened");
            await Task.Delay(50);
        }
    }
}
