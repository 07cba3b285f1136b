using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.Input;

/// <summary>
/// Sends real input events (Input.dispatchMouseEvent / dispatchKeyEvent / insertText) to a tab.
/// Events of one gesture are pipelined: CDP keeps their order, and not waiting for each
/// acknowledgement saves round trips.
/// </summary>
internal static class InputDriver
{
    /// <summary>Moves the pointer to <paramref name="to"/>, optionally with a button held.</summary>
    public static Task MoveAsync(CdpSession cdp, ActionPoint to, string button = "none", int buttons = 0, CancellationToken cancellationToken = default) =>
        cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseMoved", X = to.X, Y = to.Y, Button = button, Buttons = buttons }, cancellationToken);

    /// <summary>
    /// Moves there (unless the pointer already is there), then presses and releases
    /// <paramref name="clickCount"/> times (a double click is two press/release pairs).
    /// </summary>
    public static Task ClickAsync(CdpSession cdp, ActionPoint at, string button, int clickCount, bool moveFirst, CancellationToken cancellationToken)
    {
        var buttonsMask = ButtonMask(button);
        var sends = new List<Task>(1 + clickCount * 2);
        if (moveFirst)
        {
            sends.Add(MoveAsync(cdp, at, cancellationToken: cancellationToken));
        }

        for (var count = 1; count <= clickCount; count++)
        {
            sends.Add(cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mousePressed", X = at.X, Y = at.Y, Button = button, Buttons = buttonsMask, ClickCount = count }, cancellationToken));
            sends.Add(cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseReleased", X = at.X, Y = at.Y, Button = button, Buttons = 0, ClickCount = count }, cancellationToken));
        }

        return Task.WhenAll(sends);
    }

    /// <summary>Presses the left button where the pointer is.</summary>
    public static Task PressAsync(CdpSession cdp, ActionPoint at, CancellationToken cancellationToken) =>
        cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mousePressed", X = at.X, Y = at.Y, Button = "left", Buttons = 1, ClickCount = 1 }, cancellationToken);

    /// <summary>Releases the left button.</summary>
    public static Task ReleaseAsync(CdpSession cdp, ActionPoint at, CancellationToken cancellationToken) =>
        cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseReleased", X = at.X, Y = at.Y, Button = "left", Buttons = 0, ClickCount = 1 }, cancellationToken);

    /// <summary>Types text as one input (like an IME commit or a paste): fires beforeinput/input, no key events.</summary>
    public static Task InsertTextAsync(CdpSession cdp, string text, CancellationToken cancellationToken) =>
        cdp.SendAsync(new InputInsertTextRequest { Text = text }, cancellationToken);

    /// <summary>Presses a chord: modifiers down in order, the key down and up, modifiers up in reverse.</summary>
    public static Task PressChordAsync(CdpSession cdp, KeyChord chord, CancellationToken cancellationToken)
    {
        var sends = new List<Task>(chord.Modifiers.Count * 2 + 2);
        var mask = 0;
        foreach (var modifier in chord.Modifiers)
        {
            mask |= modifier.ModifierBit;
            sends.Add(cdp.SendAsync(KeyEvent("rawKeyDown", modifier, mask, text: null), cancellationToken));
        }

        // With Control, Alt or Meta held a key is a shortcut and types nothing.
        var types = chord.Key.Text is not null && (mask & ~KeyModifiers.Shift) == 0;
        var keyMask = mask | chord.Key.ModifierBit;
        sends.Add(cdp.SendAsync(KeyEvent(types ? "keyDown" : "rawKeyDown", chord.Key, keyMask, types ? chord.Key.Text : null), cancellationToken));
        sends.Add(cdp.SendAsync(KeyEvent("keyUp", chord.Key, mask, text: null), cancellationToken));
        for (var i = chord.Modifiers.Count - 1; i >= 0; i--)
        {
            mask &= ~chord.Modifiers[i].ModifierBit;
            sends.Add(cdp.SendAsync(KeyEvent("keyUp", chord.Modifiers[i], mask, text: null), cancellationToken));
        }

        return Task.WhenAll(sends);
    }

    /// <summary>The CDP <c>buttons</c> mask for a button name.</summary>
    public static int ButtonMask(string button) => button switch
    {
        "left" => 1,
        "right" => 2,
        "middle" => 4,
        _ => 0,
    };

    private static InputDispatchKeyEventRequest KeyEvent(string type, KeyDefinition key, int modifiers, string? text) => new()
    {
        Type = type,
        Key = key.Key,
        Code = key.Code.Length == 0 ? null : key.Code,
        WindowsVirtualKeyCode = key.KeyCode,
        NativeVirtualKeyCode = key.KeyCode,
        Modifiers = modifiers,
        Text = text,
        UnmodifiedText = text,
        Location = key.Location == 0 ? null : key.Location,
    };
}
