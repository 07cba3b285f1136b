using System.Text.Json;

namespace Navigator.CdpGen;

/// <summary>
/// The shape of a value in the protocol: a primitive or inline type (<see cref="Type"/>),
/// a reference to a named type (<see cref="Ref"/>), array items, inline enum values, or
/// object properties when the shape is a named object type.
/// </summary>
internal sealed record TypeSpec(
    string? Type,
    string? Ref,
    TypeSpec? Items,
    IReadOnlyList<string>? Enum,
    IReadOnlyList<ProtocolProperty>? Properties);

/// <summary>A property of an object type, or a parameter / return value of a command or event.</summary>
internal sealed record ProtocolProperty(
    string Name,
    string? Description,
    bool Optional,
    bool Experimental,
    bool Deprecated,
    TypeSpec Spec);

/// <summary>A named type declared in a domain's <c>types</c> list.</summary>
internal sealed record ProtocolTypeDef(
    string Domain,
    string Id,
    string? Description,
    bool Experimental,
    bool Deprecated,
    TypeSpec Spec)
{
    public string QualifiedId => Domain + "." + Id;
}

/// <summary>A command (method) or an event; events have no returns.</summary>
internal sealed record ProtocolMember(
    string Domain,
    string Name,
    string? Description,
    bool Experimental,
    bool Deprecated,
    IReadOnlyList<ProtocolProperty> Parameters,
    IReadOnlyList<ProtocolProperty> Returns)
{
    public string QualifiedName => Domain + "." + Name;
}

internal sealed record ProtocolDomain(
    string Name,
    string? Description,
    bool Experimental,
    bool Deprecated,
    IReadOnlyList<ProtocolTypeDef> Types,
    IReadOnlyList<ProtocolMember> Commands,
    IReadOnlyList<ProtocolMember> Events);

/// <summary>Reads the protocol JSON files (browser_protocol.json, js_protocol.json) into the model.</summary>
internal static class ProtocolReader
{
    public static IReadOnlyList<ProtocolDomain> ReadDomains(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var domains = new List<ProtocolDomain>();
        foreach (var domain in document.RootElement.GetProperty("domains").EnumerateArray())
        {
            domains.Add(ReadDomain(domain));
        }

        return domains;
    }

    private static ProtocolDomain ReadDomain(JsonElement element)
    {
        var name = GetString(element, "domain") ?? throw new InvalidDataException("A domain has no name.");
        var types = ReadArray(element, "types", t => new ProtocolTypeDef(
            name,
            GetString(t, "id") ?? throw new InvalidDataException($"A type in {name} has no id."),
            GetString(t, "description"),
            GetBool(t, "experimental"),
            GetBool(t, "deprecated"),
            ReadSpec(t)));
        var commands = ReadArray(element, "commands", c => ReadMember(name, c));
        var events = ReadArray(element, "events", e => ReadMember(name, e));
        return new ProtocolDomain(
            name,
            GetString(element, "description"),
            GetBool(element, "experimental"),
            GetBool(element, "deprecated"),
            types,
            commands,
            events);
    }

    private static ProtocolMember ReadMember(string domain, JsonElement element) => new(
        domain,
        GetString(element, "name") ?? throw new InvalidDataException($"A command or event in {domain} has no name."),
        GetString(element, "description"),
        GetBool(element, "experimental"),
        GetBool(element, "deprecated"),
        ReadArray(element, "parameters", ReadProperty),
        ReadArray(element, "returns", ReadProperty));

    private static ProtocolProperty ReadProperty(JsonElement element) => new(
        GetString(element, "name") ?? throw new InvalidDataException("A property has no name."),
        GetString(element, "description"),
        GetBool(element, "optional"),
        GetBool(element, "experimental"),
        GetBool(element, "deprecated"),
        ReadSpec(element));

    private static TypeSpec ReadSpec(JsonElement element)
    {
        var type = GetString(element, "type");
        var reference = GetString(element, "$ref");
        if (type is null && reference is null)
        {
            throw new InvalidDataException($"Neither 'type' nor '$ref' in {element}.");
        }

        TypeSpec? items = element.TryGetProperty("items", out var itemsElement) ? ReadSpec(itemsElement) : null;
        IReadOnlyList<string>? values = element.TryGetProperty("enum", out var enumElement)
            ? [.. enumElement.EnumerateArray().Select(v => v.GetString() ?? "")]
            : null;
        IReadOnlyList<ProtocolProperty>? properties = element.TryGetProperty("properties", out _)
            ? ReadArray(element, "properties", ReadProperty)
            : null;
        return new TypeSpec(type, reference, items, values, properties);
    }

    private static List<T> ReadArray<T>(JsonElement element, string name, Func<JsonElement, T> read)
    {
        var result = new List<T>();
        if (element.TryGetProperty(name, out var array))
        {
            foreach (var item in array.EnumerateArray())
            {
                result.Add(read(item));
            }
        }

        return result;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool GetBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
