using System.Collections.Frozen;

namespace Navigator.Actions.Input;

/// <summary>What CDP needs to press one key: DOM key and code, Windows key code, text it types.</summary>
internal sealed record KeyDefinition(string Key, string Code, int KeyCode, string? Text = null, int Location = 0)
{
    /// <summary>The CDP modifier bit when this key is a modifier, else 0.</summary>
    public int ModifierBit => Key switch
    {
        "Alt" => KeyModifiers.Alt,
        "Control" => KeyModifiers.Control,
        "Meta" => KeyModifiers.Meta,
        "Shift" => KeyModifiers.Shift,
        _ => 0,
    };

    /// <summary>True for Shift, Control, Alt and Meta.</summary>
    public bool IsModifier => ModifierBit != 0;
}

/// <summary>CDP modifier bits.</summary>
internal static class KeyModifiers
{
    public const int Alt = 1;
    public const int Control = 2;
    public const int Meta = 4;
    public const int Shift = 8;
}

/// <summary>A US keyboard layout: named keys, aliases, and the printable characters.</summary>
internal static class KeyboardLayout
{
    private static readonly FrozenDictionary<string, KeyDefinition> Named = BuildNamed();
    private static readonly FrozenDictionary<char, (KeyDefinition Key, bool Shifted)> Characters = BuildCharacters();

    /// <summary>Finds a key by name (case-insensitive, with aliases) or as a single character.</summary>
    public static KeyDefinition? Find(string name)
    {
        if (name.Length == 1)
        {
            var c = name[0];
            if (char.IsAsciiLetter(c))
            {
                // "A" in a chord means the A key; Shift is explicit ("Shift+A").
                return Characters[char.ToLowerInvariant(c)].Key;
            }

            return Characters.TryGetValue(c, out var found) ? found.Key : new KeyDefinition(name, string.Empty, 0, name);
        }

        return Named.GetValueOrDefault(name);
    }

    /// <summary>The key that types <paramref name="c"/> and whether it needs Shift.</summary>
    public static (KeyDefinition Key, bool Shifted)? ForCharacter(char c) =>
        Characters.TryGetValue(c, out var found) ? found : null;

    /// <summary>The same key as typed with Shift held (A for a, ! for 1).</summary>
    public static KeyDefinition Shifted(KeyDefinition key)
    {
        foreach (var (c, entry) in Characters)
        {
            if (entry.Shifted && entry.Key.Code == key.Code && key.Code.Length > 0)
            {
                return entry.Key with { Key = c.ToString(), Text = c.ToString() };
            }
        }

        return key;
    }

    private static FrozenDictionary<string, KeyDefinition> BuildNamed()
    {
        var keys = new Dictionary<string, KeyDefinition>(StringComparer.OrdinalIgnoreCase);
        void Add(KeyDefinition key, params string[] aliases)
        {
            keys[key.Key] = key;
            foreach (var alias in aliases)
            {
                keys[alias] = key;
            }
        }

        Add(new("Enter", "Enter", 13, "\r"), "Return");
        Add(new("Tab", "Tab", 9));
        Add(new("Backspace", "Backspace", 8));
        Add(new("Escape", "Escape", 27), "Esc");
        Add(new("Delete", "Delete", 46), "Del");
        Add(new("Insert", "Insert", 45), "Ins");
        Add(new("Home", "Home", 36));
        Add(new("End", "End", 35));
        Add(new("PageUp", "PageUp", 33), "PgUp");
        Add(new("PageDown", "PageDown", 34), "PgDn");
        Add(new("ArrowLeft", "ArrowLeft", 37), "Left");
        Add(new("ArrowUp", "ArrowUp", 38), "Up");
        Add(new("ArrowRight", "ArrowRight", 39), "Right");
        Add(new("ArrowDown", "ArrowDown", 40), "Down");
        Add(new(" ", "Space", 32, " "), "Space", "Spacebar");
        Add(new("Shift", "ShiftLeft", 16, null, 1));
        Add(new("Control", "ControlLeft", 17, null, 1), "Ctrl", "Control", "ControlOrMeta");
        Add(new("Alt", "AltLeft", 18, null, 1), "Option", "Opt");
        Add(new("Meta", "MetaLeft", 91, null, 1), "Cmd", "Command", "Super", "Win", "OS");
        Add(new("CapsLock", "CapsLock", 20));
        Add(new("ContextMenu", "ContextMenu", 93));
        Add(new("+", "Equal", 187, "+"), "Plus");
        for (var i = 1; i <= 12; i++)
        {
            Add(new($"F{i}", $"F{i}", 111 + i));
        }

        return keys.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<char, (KeyDefinition, bool)> BuildCharacters()
    {
        var map = new Dictionary<char, (KeyDefinition, bool)>();
        for (var c = 'a'; c <= 'z'; c++)
        {
            var upper = char.ToUpperInvariant(c);
            map[c] = (new KeyDefinition(c.ToString(), $"Key{upper}", upper, c.ToString()), false);
            map[upper] = (new KeyDefinition(upper.ToString(), $"Key{upper}", upper, upper.ToString()), true);
        }

        const string digits = "0123456789";
        const string shiftedDigits = ")!@#$%^&*(";
        for (var i = 0; i < digits.Length; i++)
        {
            map[digits[i]] = (new KeyDefinition(digits[i].ToString(), $"Digit{digits[i]}", 48 + i, digits[i].ToString()), false);
            map[shiftedDigits[i]] = (new KeyDefinition(shiftedDigits[i].ToString(), $"Digit{digits[i]}", 48 + i, shiftedDigits[i].ToString()), true);
        }

        (char Plain, char Shift, string Code, int KeyCode)[] punctuation =
        [
            (';', ':', "Semicolon", 186), ('=', '+', "Equal", 187), (',', '<', "Comma", 188), ('-', '_', "Minus", 189),
            ('.', '>', "Period", 190), ('/', '?', "Slash", 191), ('`', '~', "Backquote", 192), ('[', '{', "BracketLeft", 219),
            ('\\', '|', "Backslash", 220), (']', '}', "BracketRight", 221), ('\'', '"', "Quote", 222),
        ];
        foreach (var (plain, shift, code, keyCode) in punctuation)
        {
            map[plain] = (new KeyDefinition(plain.ToString(), code, keyCode, plain.ToString()), false);
            map[shift] = (new KeyDefinition(shift.ToString(), code, keyCode, shift.ToString()), true);
        }

        map[' '] = (new KeyDefinition(" ", "Space", 32, " "), false);
        map['\n'] = (new KeyDefinition("Enter", "Enter", 13, "\r"), false);
        map['\r'] = map['\n'];
        map['\t'] = (new KeyDefinition("Tab", "Tab", 9), false);
        return map.ToFrozenDictionary();
    }
}
