using System.Text;

namespace Navigator.CdpGen;

internal static class Naming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static string DomainPrefix(string domain) =>
        GeneratorSettings.DomainPrefixes.TryGetValue(domain, out var prefix) ? prefix : Pascal(domain);

    /// <summary>Upper-cases the first character; protocol names are camelCase or already PascalCase.</summary>
    public static string Pascal(string name)
    {
        var identifier = Identifier(name);
        return char.ToUpperInvariant(identifier[0]) + identifier[1..];
    }

    /// <summary>
    /// Turns an arbitrary enum value ("ISO-8859-1", "-webkit-x", "ctap2_0") into a PascalCase
    /// identifier by splitting on every non-alphanumeric character.
    /// </summary>
    public static string EnumMember(string value)
    {
        var builder = new StringBuilder();
        var upperNext = true;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0)
        {
            return "Empty";
        }

        return char.IsAsciiDigit(builder[0]) ? "Value" + builder : builder.ToString();
    }

    /// <summary>Escapes C# keywords with '@'; PascalCase names never hit one, but be safe.</summary>
    public static string Escape(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

    private static string Identifier(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidDataException("Empty protocol name.");
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return EnumMember(name);
            }
        }

        return char.IsAsciiDigit(name[0]) ? "_" + name : name;
    }
}
