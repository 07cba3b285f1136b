using Navigator.Actions.Input;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Tools.Media;

namespace Navigator.Tools.Live;

/// <summary>
/// One person's way to drive a room (a live view page, or a participant of the room's LiveKit
/// room): take control, hand it back, and send input to the room's active tab while holding it,
/// under <see cref="RoomControl"/>'s rules. Pointer positions are fractions (0..1) of the picture's
/// width and height, mapped to the tab's CSS pixels.
/// </summary>
internal sealed class HumanTakeover(string holderId, RoomControl control, RoomMediaComponent media, TimeProvider time, TimeSpan inputTimeout)
{
    /// <summary>Who this person is to <see cref="RoomControl"/>.</summary>
    public string HolderId => holderId;

    /// <summary>
    /// Runs one command; returns the notice to tell the person (<c>control_granted</c>,
    /// <c>control_released</c>) or null. Failures are <see cref="NavigatorToolException"/>s
    /// (<c>control_held</c>, <c>not_in_control</c>, <c>invalid_parameter</c>, <c>input_failed</c>, ...).
    /// </summary>
    public async Task<string?> RunAsync(TakeoverCommand? command, CancellationToken cancellationToken)
    {
        switch (command?.Type)
        {
            case "take_control":
                control.Take(holderId);
                return "control_granted";
            case "hand_back":
                control.HandBack(holderId);
                return "control_released";
            case "pointer":
                var action = PointerAction(command.Action);
                var button = command.Button ?? "none";
                await SendAsync(
                    async (page, point, ct) =>
                    {
                        await HumanInput.PointerAsync(page, new HumanPointerEvent(action, point.X, point.Y, button, command.Buttons ?? 0, command.ClickCount ?? 1, command.Modifiers ?? 0), ct);
                        if (action == HumanPointerAction.Up && button != "none")
                        {
                            control.ReportHumanClick(point.X, point.Y, button);
                        }
                    },
                    command.X ?? double.NaN,
                    command.Y ?? double.NaN,
                    cancellationToken);
                return null;
            case "wheel":
                await SendAsync(
                    (page, point, ct) => HumanInput.WheelAsync(page, point.X, point.Y, command.DeltaX ?? 0, command.DeltaY ?? 0, command.Modifiers ?? 0, ct),
                    command.X ?? double.NaN,
                    command.Y ?? double.NaN,
                    cancellationToken);
                return null;
            case "key":
                var down = KeyDown(command.Action);
                await SendAsync((page, _, ct) => HumanInput.KeyAsync(page, new HumanKeyEvent(down, command.Key ?? string.Empty, command.Code, command.Modifiers ?? 0), ct), 0, 0, cancellationToken);
                return null;
            default:
                throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "type must be take_control, hand_back, pointer, wheel or key");
        }
    }

    /// <summary>The person went away; if they held control, it returns to the agent.</summary>
    public void Leave() => control.RemoveViewer(holderId);

    private static HumanPointerAction PointerAction(string? action) => action switch
    {
        "move" => HumanPointerAction.Move,
        "down" => HumanPointerAction.Down,
        "up" => HumanPointerAction.Up,
        _ => throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "a pointer action is move, down or up"),
    };

    private static bool KeyDown(string? action) => action switch
    {
        "down" => true,
        "up" => false,
        _ => throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "a key action is down or up"),
    };

    private async Task SendAsync(Func<BrowserPage, (double X, double Y), CancellationToken, Task> send, double x, double y, CancellationToken cancellationToken)
    {
        var page = control.PageFor(holderId);
        var point = ToCssPixels(x, y);
        using var timeout = new CancellationTokenSource(inputTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await send(page, point, linked.Token);
        }
        catch (ArgumentException ex)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NavigatorToolException(LiveViewErrorCodes.InputFailed, $"The page did not take the input within {inputTimeout.TotalSeconds:0.#} s (a dialog or a busy script may block it)", ex);
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or ObjectDisposedException)
        {
            throw new NavigatorToolException(LiveViewErrorCodes.InputFailed, "The page did not take the input (it may be navigating or closing); try again", ex);
        }
    }

    /// <summary>Fractions of the picture to CSS pixels of the viewport the newest frame shows.</summary>
    private (double X, double Y) ToCssPixels(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || x is < 0 or > 1 || y is < 0 or > 1)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "x and y must be fractions of the picture between 0 and 1");
        }

        var current = media.Media;
        var frame = current?.Live.LatestFrame;
        var options = current?.Screencast.Options;
        var width = frame?.CssWidth ?? options?.MaxWidth ?? 0;
        var height = frame?.CssHeight ?? options?.MaxHeight ?? 0;
        return (x * width, y * height);
    }
}
