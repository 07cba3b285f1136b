using Microsoft.Extensions.Time.Testing;
using Navigator.Testing;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Tests;

[Collection(RoomsCollection.Name)]
public sealed class RoomLifecycleTests(RoomsFixture fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task IdleRooms_AreClosedOnTheInjectedClock_ButNotWhileACallRuns()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var manager = fixture.NewManager(o => o.IdleTimeout = TimeSpan.FromMinutes(5), time: time);
        using var events = new RoomEvents(manager.Events, "idle-a");
        await manager.StartAsync(new StartSessionRequest { RoomName = "idle-a" });
        await manager.StartAsync(new StartSessionRequest { RoomName = "idle-b" });

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await manager.CloseIdleAsync());

        // A call in flight keeps its room alive however long it runs.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = manager.RunAsync("idle-b", async (_, _) => { await release.Task; return true; }, requireHealthy: false, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await manager.CloseIdleAsync());

        var closed = await events.WaitForAsync("session_closed", Generous);
        Assert.Equal(RoomSessionManager.ReasonIdle, closed.GetProperty("reason").GetString());
        Assert.Equal(["idle-b"], manager.List().Select(r => r.RoomName));
        release.SetResult();
        await running;
    }

    [Fact]
    public async Task APushStateFlood_IsCoalescedIntoAFewNavigationEvents()
    {
        await using var manager = fixture.NewManager();
        using var events = new RoomEvents(manager.Events, "flood-room");
        await manager.StartAsync(new StartSessionRequest { RoomName = "flood-room", InitialUrl = fixture.Server.Url(FaultPages.PushStateFlood) });

        await Task.Delay(TimeSpan.FromSeconds(2));
        var navigations = events.Count("page_navigation");

        // The page pushes 200 URLs a second; with a 250 ms window at most ~4 a second reach clients.
        Assert.InRange(navigations, 1, 14);
        Assert.StartsWith(fixture.Server.Url("/flood"), manager.GetState("flood-room").CurrentUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComponentsFollowTheRoom_AttachedOnStartAndRecovery_PausedResumedAndToldOfActions_DisposedOnClose()
    {
        var factory = new RecordingComponentFactory();
        await using var manager = new RoomSessionManager(
            fixture.Pool,
            new InMemorySessionDirectory(),
            new Navigator.Tools.Events.InMemoryRoomEventBroadcaster(),
            Microsoft.Extensions.Options.Options.Create(new SessionManagerOptions { IdleTimeout = TimeSpan.Zero }),
            componentFactories: [factory]);
        await manager.StartAsync(new StartSessionRequest { RoomName = "component-room" });
        await manager.PauseAsync("component-room");
        await manager.ResumeAsync("component-room");
        using var noParams = System.Text.Json.JsonDocument.Parse("{}");
        await manager.ExecuteActionAsync("component-room", "refresh", noParams.RootElement, 2, CancellationToken.None);
        await manager.RecoverAsync("component-room", force: true);
        await manager.CloseAsync("component-room");

        var component = Assert.Single(factory.Created);
        Assert.Equal(["attached", "paused", "resumed", "action refresh", "detaching", "attached", "detaching", "disposed"], component.Calls);
    }

    private sealed class RecordingComponentFactory : IRoomComponentFactory
    {
        public List<RecordingComponent> Created { get; } = [];

        public IRoomComponent? Create(RoomSessionState state)
        {
            var component = new RecordingComponent();
            Created.Add(component);
            return component;
        }
    }

    private sealed class RecordingComponent : IRoomComponent
    {
        public List<string> Calls { get; } = [];

        public Task OnBrowserAttachedAsync(Navigator.Browser.BrowserSession browser, CancellationToken cancellationToken)
        {
            Calls.Add("attached");
            return Task.CompletedTask;
        }

        public Task OnBrowserDetachingAsync(Navigator.Browser.BrowserSession browser)
        {
            Calls.Add("detaching");
            return Task.CompletedTask;
        }

        public Task OnPausedChangedAsync(bool paused, CancellationToken cancellationToken)
        {
            Calls.Add(paused ? "paused" : "resumed");
            return Task.CompletedTask;
        }

        public void OnActionCompleted(Navigator.Actions.ActionResult result, System.Text.Json.JsonElement parameters) =>
            Calls.Add("action " + result.ActionType);

        public ValueTask DisposeAsync()
        {
            Calls.Add("disposed");
            return ValueTask.CompletedTask;
        }
    }
}
