namespace Navigator.Actions.Input;

/// <summary>A key with the modifiers held while it is pressed, e.g. <c>Control+Shift+ArrowLeft</c>.</summary>
internal sealed record KeyChord(IReadOnlyList<KeyDefinition> Modifiers, KeyDefinition Key)
{
    /// <summary>The CDP modifier mask of the held modifiers.</summary>
    public int ModifierMask => Modifiers.Aggregate(0, (mask, m) => mask | m.ModifierBit);

    /// <summary>Parses one chord; throws <see cref="ActionException"/> (invalid_parameter) when a key is unknown.</summary>
    public static KeyChord Parse(string chord)
    {
        if (string.IsNullOrEmpty(chord) || chord.Any(char.IsWhiteSpace) && chord != " ")
        {
            throw Invalid(chord, "a chord is key names joined by '+', e.g. Control+A");
        }

        List<string> parts;
        if (chord == "+")
        {
            parts = ["+"];
        }
        else if (chord.EndsWith("++", StringComparison.Ordinal))
        {
            parts = [.. chord[..^2].Split('+'), "+"];
        }
        else
        {
            parts = [.. chord.Split('+')];
        }

        if (parts.Any(p => p.Length == 0))
        {
            throw Invalid(chord, "a chord is key names joined by '+', e.g. Control+A");
        }

        var keys = parts.Select(p => KeyboardLayout.Find(p) ?? throw Invalid(chord, $"'{p}' is not a key name (use names like Enter, Tab, Escape, ArrowDown, PageDown, F5, Control, Shift, Alt, Meta, or one character)")).ToList();
        var modifiers = keys.Take(keys.Count - 1).ToList();
        if (modifiers.FirstOrDefault(m => !m.IsModifier) is { } notModifier)
        {
            throw Invalid(chord, $"only the last key of a chord can be a non-modifier ('{notModifier.Key}' is not Shift, Control, Alt or Meta)");
        }

        var key = keys[^1];
        if (modifiers.Any(m => m.ModifierBit == KeyModifiers.Shift))
        {
            key = KeyboardLayout.Shifted(key);
        }

        return new KeyChord(modifiers, key);
    }

    /// <summary>Splits a space-separated sequence of chords.</summary>
    public static IReadOnlyList<string> SplitSequence(string keys) =>
        keys == " " ? [" "] : keys.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ActionException Invalid(string chord, string why) =>
        new(ActionErrorCodes.InvalidParameter, $"send_keys: invalid key chord '{chord}': {why}");
}
