using System.Text.Json;
using Navigator.Actions;
using Navigator.Browser;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Something that lives as long as a room and follows its browser (e.g. a per-room screencast or
/// recorder). Created when the room starts, told about every browser the room gets (the first one
/// and each rebuild), about pause/resume and each action the room ran, and disposed when the room closes.
/// </summary>
public interface IRoomComponent : IAsyncDisposable
{
    /// <summary>The room has a new browser session (after start or a recovery).</summary>
    Task OnBrowserAttachedAsync(BrowserSession browser, CancellationToken cancellationToken);

    /// <summary>The room's browser session is about to be torn down (crash recovery or close); must return quickly.</summary>
    Task OnBrowserDetachingAsync(BrowserSession browser);

    /// <summary>The room's video was paused (<paramref name="paused"/> true) or resumed; runs in the room's queue.</summary>
    Task OnPausedChangedAsync(bool paused, CancellationToken cancellationToken);

    /// <summary>
    /// The room ran an action (successful or not) with <paramref name="parameters"/>; runs in the
    /// room's queue before the result is returned, so it must not block.
    /// </summary>
    void OnActionCompleted(ActionResult result, JsonElement parameters);
}

/// <summary>A room component that works with the room's other components (e.g. takeover through the room's control and media).</summary>
public interface IRoomComponentPeer
{
    /// <summary>All of the room's components, told once after they were all created.</summary>
    void OnRoomComponents(IReadOnlyList<IRoomComponent> components);
}

/// <summary>Creates a room's components; register implementations in the service collection.</summary>
public interface IRoomComponentFactory
{
    /// <summary>A component for the room, or null when this room needs none.</summary>
    IRoomComponent? Create(RoomSessionState state);
}
