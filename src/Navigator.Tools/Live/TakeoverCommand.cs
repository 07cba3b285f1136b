namespace Navigator.Tools.Live;

/// <summary>
/// A person's takeover command, from a live view page or a LiveKit room participant (JSON text):
/// <c>take_control</c>, <c>hand_back</c>,
/// <c>pointer {action: move|down|up, x, y, button, buttons, click_count, modifiers}</c>,
/// <c>wheel {x, y, delta_x, delta_y, modifiers}</c>, <c>key {action: down|up, key, code, modifiers}</c>.
/// x and y are fractions (0..1) of the picture's width and height; modifiers are CDP bits (1 Alt, 2 Control, 4 Meta, 8 Shift).
/// </summary>
public sealed record TakeoverCommand
{
    /// <summary>The command.</summary>
    public string? Type { get; init; }

    /// <summary>move, down or up (pointer); down or up (key).</summary>
    public string? Action { get; init; }

    /// <summary>Fraction of the picture's width.</summary>
    public double? X { get; init; }

    /// <summary>Fraction of the picture's height.</summary>
    public double? Y { get; init; }

    /// <summary>left, middle, right or none.</summary>
    public string? Button { get; init; }

    /// <summary>Buttons held (1 left, 2 right, 4 middle).</summary>
    public int? Buttons { get; init; }

    /// <summary>1 for a click, 2 for the second press of a double click.</summary>
    public int? ClickCount { get; init; }

    /// <summary>CDP modifier bits.</summary>
    public int? Modifiers { get; init; }

    /// <summary>Horizontal wheel delta in CSS pixels.</summary>
    public double? DeltaX { get; init; }

    /// <summary>Vertical wheel delta in CSS pixels.</summary>
    public double? DeltaY { get; init; }

    /// <summary>DOM KeyboardEvent.key.</summary>
    public string? Key { get; init; }

    /// <summary>DOM KeyboardEvent.code.</summary>
    public string? Code { get; init; }
}
