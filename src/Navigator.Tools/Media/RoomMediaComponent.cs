using System.Text.Json;
using Navigator.Actions;
using Navigator.Browser;
using Navigator.Media;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>
/// A room's media as a room component: a <see cref="SessionMedia"/> for each browser the room gets
/// (disposed before that browser goes, so a running recording finishes its file), paused and
/// resumed with the room, and its ghost cursor fed from the room's actions. A recovery rebuilds
/// the browser, so a recording ends there (an automatic one starts again).
/// </summary>
internal sealed class RoomMediaComponent(RoomMediaFactory factory, RoomSessionState state) : IRoomComponent
{
    private SessionMedia? _media;
    private bool _paused = state.Paused;

    /// <summary>The current browser's media; null while the room has no browser.</summary>
    public SessionMedia? Media => Volatile.Read(ref _media);

    public async Task OnBrowserAttachedAsync(BrowserSession browser, CancellationToken cancellationToken)
    {
        var media = await factory.StartAsync(state, browser, Volatile.Read(ref _paused), cancellationToken);
        if (Interlocked.Exchange(ref _media, media) is { } previous)
        {
            await previous.DisposeAsync();
        }
    }

    public Task OnBrowserDetachingAsync(BrowserSession browser) => DisposeMediaAsync();

    public async Task OnPausedChangedAsync(bool paused, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _paused, paused);
        if (Media is { } media)
        {
            await (paused ? media.PauseAsync(cancellationToken) : media.ResumeAsync(cancellationToken));
        }
    }

    public void OnActionCompleted(ActionResult result, JsonElement parameters) => Media?.Cursor.Report(result, parameters);

    public ValueTask DisposeAsync() => new(DisposeMediaAsync());

    private async Task DisposeMediaAsync()
    {
        if (Interlocked.Exchange(ref _media, null) is { } media)
        {
            await media.DisposeAsync();
        }
    }
}
