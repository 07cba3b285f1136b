using Navigator.Browser;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.Input;

/// <summary>What a person's pointer did, in the tab's CSS pixels.</summary>
public enum HumanPointerAction
{
    /// <summary>The pointer moved (with <see cref="HumanPointerEvent.Buttons"/> held).</summary>
    Move,

    /// <summary>A button went down.</summary>
    Down,

    /// <summary>A button went up.</summary>
    Up,
}

/// <summary>
/// One pointer event of a person driving the tab (human takeover): where, which button
/// (<c>left</c>, <c>middle</c>, <c>right</c> or <c>none</c>), the buttons held (1 left, 2 right, 4 middle),
/// the click count of a press and the CDP modifier bits (1 Alt, 2 Control, 4 Meta, 8 Shift).
/// </summary>
public sealed record HumanPointerEvent(HumanPointerAction Action, double X, double Y, string Button = "none", int Buttons = 0, int ClickCount = 0, int Modifiers = 0);

/// <summary>
/// One key event of a person driving the tab: <paramref name="Key"/> is the DOM <c>KeyboardEvent.key</c>
/// (<c>a</c>, <c>A</c>, <c>Enter</c>, <c>Shift</c>, ...), <paramref name="Code"/> the physical key
/// (<c>KeyA</c>; optional), modifiers as CDP bits.
/// </summary>
public sealed record HumanKeyEvent(bool Down, string Key, string? Code = null, int Modifiers = 0);

/// <summary>
/// Sends a person's own input to a tab as trusted CDP input events, as the live view's takeover
/// needs: pointer moves, presses and releases, the wheel, and keys (printable keys type their
/// text unless Control, Alt or Meta is held, as on a real keyboard).
/// </summary>
public static class HumanInput
{
    /// <summary>Longest DOM key name accepted (the longest standard one is about 25 characters).</summary>
    public const int MaxKeyLength = 32;

    private static readonly string[] Buttons = ["none", "left", "middle", "right"];

    /// <summary>Dispatches one pointer event; <see cref="ArgumentException"/> for a bad button or coordinate.</summary>
    public static Task PointerAsync(BrowserPage page, HumanPointerEvent pointer, CancellationToken cancellationToken = default)
    {
        ValidatePoint(pointer.X, pointer.Y);
        if (!Buttons.Contains(pointer.Button))
        {
            throw new ArgumentException($"button must be one of {string.Join(", ", Buttons)}, not '{pointer.Button}'", nameof(pointer));
        }

        return page.SendAsync(new InputDispatchMouseEventRequest
        {
            Type = pointer.Action switch
            {
                HumanPointerAction.Down => "mousePressed",
                HumanPointerAction.Up => "mouseReleased",
                _ => "mouseMoved",
            },
            X = pointer.X,
            Y = pointer.Y,
            Button = pointer.Button,
            Buttons = Math.Clamp(pointer.Buttons, 0, 7),
            ClickCount = pointer.Action == HumanPointerAction.Move ? null : Math.Clamp(pointer.ClickCount, 1, 3),
            Modifiers = pointer.Modifiers & 15,
        }, cancellationToken);
    }

    /// <summary>Dispatches a wheel turn at (<paramref name="x"/>, <paramref name="y"/>) scrolling by the deltas in CSS pixels.</summary>
    public static Task WheelAsync(BrowserPage page, double x, double y, double deltaX, double deltaY, int modifiers = 0, CancellationToken cancellationToken = default)
    {
        ValidatePoint(x, y);
        if (!double.IsFinite(deltaX) || !double.IsFinite(deltaY))
        {
            throw new ArgumentException("wheel deltas must be finite numbers");
        }

        return page.SendAsync(new InputDispatchMouseEventRequest
        {
            Type = "mouseWheel",
            X = x,
            Y = y,
            DeltaX = Math.Clamp(deltaX, -10_000, 10_000),
            DeltaY = Math.Clamp(deltaY, -10_000, 10_000),
            Modifiers = modifiers & 15,
        }, cancellationToken);
    }

    /// <summary>Dispatches a key going down or up; <see cref="ArgumentException"/> for an empty or overlong key.</summary>
    public static Task KeyAsync(BrowserPage page, HumanKeyEvent key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key.Key) || key.Key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"key must be a DOM key name of 1 to {MaxKeyLength} characters");
        }

        if (key.Code is { } code && (code.Length > MaxKeyLength || !code.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException("code must be a DOM key code such as KeyA or Enter");
        }

        var modifiers = key.Modifiers & 15;
        var definition = IsCharacter(key.Key)
            ? KeyboardLayout.ForCharacter(key.Key[0])?.Key ?? new KeyDefinition(key.Key, string.Empty, 0, key.Key)
            : KeyboardLayout.Find(key.Key) ?? new KeyDefinition(key.Key, string.Empty, 0);

        // As on a real keyboard, Control, Alt or Meta make a key a shortcut that types nothing.
        var text = key.Down && (modifiers & (KeyModifiers.Alt | KeyModifiers.Control | KeyModifiers.Meta)) == 0 ? definition.Text : null;
        var keyCode = definition.KeyCode == 0 ? (int?)null : definition.KeyCode;
        var physical = string.IsNullOrEmpty(key.Code) ? definition.Code : key.Code;
        return page.SendAsync(new InputDispatchKeyEventRequest
        {
            Type = key.Down ? (text is null ? "rawKeyDown" : "keyDown") : "keyUp",
            Key = key.Key,
            Code = physical.Length == 0 ? null : physical,
            WindowsVirtualKeyCode = keyCode,
            NativeVirtualKeyCode = keyCode,
            Modifiers = modifiers,
            Text = text,
            UnmodifiedText = text,
            Location = definition.Location == 0 ? null : definition.Location,
        }, cancellationToken);
    }

    private static bool IsCharacter(string key) => key.Length == 1 || (key.Length == 2 && char.IsSurrogatePair(key[0], key[1]));

    private static void ValidatePoint(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || x < 0 || y < 0)
        {
            throw new ArgumentException("x and y must be finite, non-negative CSS pixels");
        }
    }
}
