using System.Globalization;

namespace Navigator.CdpGen;

/// <summary>How a named protocol type is represented in C#.</summary>
internal enum TypeKind
{
    /// <summary>Object with properties: a generated sealed record.</summary>
    Record,

    /// <summary>String enum: properties stay string; a static class of constants is generated.</summary>
    Enum,

    /// <summary>Network.Headers: a string dictionary.</summary>
    Headers,

    /// <summary>Object without declared properties: JsonElement.</summary>
    FreeObject,

    /// <summary>Alias of a primitive: the primitive is used directly.</summary>
    Primitive,

    /// <summary>Alias of an array: IReadOnlyList of the item type.</summary>
    ArrayAlias,
}

internal sealed record GeneratedFile(string FileName, string Content, int LineCount);

internal sealed record GenerationResult(
    IReadOnlyList<GeneratedFile> Files,
    int RecordTypes,
    int EnumTypes,
    int Commands,
    int Responses,
    int Events,
    IReadOnlyList<string> Notes);

/// <summary>
/// Turns the protocol model into C# source: one file per domain (records for object types, static
/// classes of constants for string enums, request/response records for commands, event records) plus
/// the System.Text.Json source-generation context listing every generated record.
/// </summary>
internal sealed class CSharpGenerator
{
    private static readonly string[] ObjectMembers =
    [
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    ];

    private static readonly string[] RecordMembers = [.. ObjectMembers, "EqualityContract", "PrintMembers", "Deconstruct"];

    private static readonly string[] HandWrittenTypes =
    [
        "ICdpCommand", "ICdpEvent", "CdpEmptyResponse", GeneratorSettings.ContextName,
    ];

    private readonly IReadOnlyList<ProtocolDomain> _domains;
    private readonly string _packageVersion;
    private readonly HashSet<string> _fullDomains;
    private readonly Dictionary<string, ProtocolTypeDef> _typesById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _needed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private readonly HashSet<string> _forcedOptional = new(StringComparer.Ordinal);

    public CSharpGenerator(IReadOnlyList<ProtocolDomain> domains, IReadOnlyList<string> fullDomains, string packageVersion)
    {
        _domains = domains;
        _packageVersion = packageVersion;
        _fullDomains = new HashSet<string>(fullDomains, StringComparer.Ordinal);
        foreach (var name in fullDomains)
        {
            if (!domains.Any(d => d.Name == name))
            {
                throw new InvalidDataException($"Domain '{name}' is not in the protocol.");
            }
        }

        foreach (var type in domains.SelectMany(d => d.Types))
        {
            _typesById.Add(type.QualifiedId, type);
        }
    }

    public GenerationResult Generate()
    {
        CollectNeededTypes();
        AssignTypeNames();

        var files = new List<GeneratedFile>();
        var serializable = new List<string>();
        int records = 0, enums = 0, commands = 0, responses = 0, events = 0;
        foreach (var domain in _domains)
        {
            var full = _fullDomains.Contains(domain.Name);
            var types = domain.Types.Where(t => _needed.Contains(t.QualifiedId) && Kind(t) is TypeKind.Record or TypeKind.Enum).ToList();
            if (!full && types.Count == 0)
            {
                continue;
            }

            var body = new CodeWriter();
            foreach (var type in types)
            {
                body.Line();
                if (Kind(type) == TypeKind.Record)
                {
                    WriteTypeRecord(body, domain, type);
                    serializable.Add(_typeNames[type.QualifiedId]);
                    records++;
                }
                else
                {
                    WriteEnumClass(body, domain, type);
                    enums++;
                }
            }

            if (full)
            {
                foreach (var command in domain.Commands)
                {
                    body.Line();
                    var (request, response) = WriteCommand(body, domain, command);
                    serializable.Add(request);
                    commands++;
                    if (response is not null)
                    {
                        serializable.Add(response);
                        responses++;
                    }
                }

                foreach (var evt in domain.Events)
                {
                    body.Line();
                    serializable.Add(WriteEvent(body, domain, evt));
                    events++;
                }
            }

            files.Add(WriteFile(domain, full, body));
        }

        files.Add(WriteContext(serializable));
        foreach (var stale in GeneratorSettings.ForceOptional.Where(p => !_forcedOptional.Contains(p)).Order(StringComparer.Ordinal))
        {
            _notes.Add($"ForceOptional entry '{stale}' matched no required property; remove it.");
        }

        return new GenerationResult(files, records, enums, commands, responses, events, _notes);
    }

    // ---- Type graph ---------------------------------------------------------------------

    private void CollectNeededTypes()
    {
        foreach (var domain in _domains.Where(d => _fullDomains.Contains(d.Name)))
        {
            foreach (var type in domain.Types)
            {
                Visit(type);
            }

            foreach (var member in domain.Commands.Concat(domain.Events))
            {
                foreach (var property in member.Parameters.Concat(member.Returns))
                {
                    VisitSpec(property.Spec, domain.Name);
                }
            }
        }
    }

    private void Visit(ProtocolTypeDef type)
    {
        if (!_needed.Add(type.QualifiedId))
        {
            return;
        }

        VisitSpec(type.Spec with { Ref = null }, type.Domain);
        foreach (var property in type.Spec.Properties ?? [])
        {
            VisitSpec(property.Spec, type.Domain);
        }
    }

    private void VisitSpec(TypeSpec spec, string domain)
    {
        if (spec.Ref is not null)
        {
            Visit(Resolve(spec.Ref, domain));
        }

        if (spec.Items is not null)
        {
            VisitSpec(spec.Items, domain);
        }
    }

    private ProtocolTypeDef Resolve(string reference, string domain)
    {
        var qualified = reference.Contains('.', StringComparison.Ordinal) ? reference : domain + "." + reference;
        return _typesById.TryGetValue(qualified, out var type)
            ? type
            : throw new InvalidDataException($"Unresolved type reference '{reference}' in domain {domain}.");
    }

    private static TypeKind Kind(ProtocolTypeDef type) => type.Spec.Type switch
    {
        "object" when type.QualifiedId == GeneratorSettings.HeadersType => TypeKind.Headers,
        "object" when type.Spec.Properties is { Count: > 0 } => TypeKind.Record,
        "object" => TypeKind.FreeObject,
        "string" when type.Spec.Enum is not null => TypeKind.Enum,
        "array" => TypeKind.ArrayAlias,
        "string" or "integer" or "number" or "boolean" or "any" => TypeKind.Primitive,
        _ => throw new InvalidDataException($"Unsupported type '{type.Spec.Type}' for {type.QualifiedId}."),
    };

    // ---- Names --------------------------------------------------------------------------

    private static string CommandBase(ProtocolDomain domain, ProtocolMember command) =>
        Naming.DomainPrefix(domain.Name) + Naming.Pascal(command.Name);

    /// <summary>
    /// Names every generated type. Command and event names are fixed by the contract; a record
    /// or enum class that would clash with one of them (or with another type) gets a "Type" suffix.
    /// </summary>
    private void AssignTypeNames()
    {
        var taken = new HashSet<string>(HandWrittenTypes, StringComparer.Ordinal);
        foreach (var domain in _domains.Where(d => _fullDomains.Contains(d.Name)))
        {
            foreach (var command in domain.Commands)
            {
                var name = CommandBase(domain, command);
                AddUnique(taken, name + "Request", command.QualifiedName);
                if (command.Returns.Count > 0)
                {
                    AddUnique(taken, name + "Response", command.QualifiedName);
                }
            }

            foreach (var evt in domain.Events)
            {
                AddUnique(taken, CommandBase(domain, evt) + "Event", evt.QualifiedName);
            }
        }

        foreach (var type in _domains.SelectMany(d => d.Types))
        {
            if (!_needed.Contains(type.QualifiedId) || Kind(type) is not (TypeKind.Record or TypeKind.Enum))
            {
                continue;
            }

            var name = Naming.DomainPrefix(type.Domain) + Naming.Pascal(type.Id);
            var resolved = name;
            while (!taken.Add(resolved))
            {
                resolved += "Type";
            }

            if (resolved != name)
            {
                _notes.Add($"Type {type.QualifiedId}: '{name}' is already taken, generated as '{resolved}'.");
            }

            _typeNames[type.QualifiedId] = resolved;
        }
    }

    private static void AddUnique(HashSet<string> taken, string name, string source)
    {
        if (!taken.Add(name))
        {
            throw new InvalidDataException($"{source} maps to '{name}', which is already taken by another command or event.");
        }
    }

    /// <summary>
    /// PascalCase member names for a record, renaming any that would equal the enclosing type
    /// (CS0542) or an inherited / fixed member by appending "Value".
    /// </summary>
    private List<string> MemberNames(string owner, IEnumerable<string> protocolNames, IEnumerable<string> reserved, Func<string, string> toIdentifier)
    {
        var blocked = new HashSet<string>(reserved, StringComparer.Ordinal) { owner };
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var protocolName in protocolNames)
        {
            var name = toIdentifier(protocolName);
            var candidate = name;
            if (blocked.Contains(candidate))
            {
                candidate += "Value";
            }

            for (var i = 2; blocked.Contains(candidate) || used.Contains(candidate); i++)
            {
                candidate = name + i.ToString(CultureInfo.InvariantCulture);
            }

            if (candidate != name)
            {
                _notes.Add($"{owner}: member '{protocolName}' generated as '{candidate}'.");
            }

            used.Add(candidate);
            result.Add(candidate);
        }

        return result;
    }

    // ---- C# types -----------------------------------------------------------------------

    private string MapSpec(TypeSpec spec, string domain)
    {
        if (spec.Ref is not null)
        {
            return MapDef(Resolve(spec.Ref, domain));
        }

        return spec.Type switch
        {
            "string" => "string",
            "integer" => "int",
            "number" => "double",
            "boolean" => "bool",
            "any" => "JsonElement",
            "object" when spec.Properties is { Count: > 0 } =>
                throw new InvalidDataException($"Inline object with properties in {domain} is not supported."),
            "object" => "JsonElement",
            "array" => $"IReadOnlyList<{MapSpec(spec.Items ?? throw new InvalidDataException($"Array without items in {domain}."), domain)}>",
            _ => throw new InvalidDataException($"Unsupported type '{spec.Type}' in {domain}."),
        };
    }

    private string MapDef(ProtocolTypeDef type) => Kind(type) switch
    {
        TypeKind.Record => _typeNames[type.QualifiedId],
        TypeKind.Enum => "string",
        TypeKind.Headers => "IReadOnlyDictionary<string, string>",
        TypeKind.FreeObject => "JsonElement",
        TypeKind.Primitive or TypeKind.ArrayAlias => MapSpec(type.Spec with { Ref = null, Properties = null, Enum = null }, type.Domain),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The named enum type a property uses (directly or as array items), for a doc cross-reference.</summary>
    private string? EnumReference(TypeSpec spec, string domain)
    {
        while (spec.Ref is null && spec.Items is not null)
        {
            spec = spec.Items;
        }

        if (spec.Ref is null)
        {
            return null;
        }

        var type = Resolve(spec.Ref, domain);
        return Kind(type) switch
        {
            TypeKind.Enum => _typeNames[type.QualifiedId],
            TypeKind.ArrayAlias => EnumReference(type.Spec with { Ref = null }, type.Domain),
            _ => null,
        };
    }

    private static IReadOnlyList<string>? InlineEnum(TypeSpec spec)
    {
        while (spec.Enum is null && spec.Ref is null && spec.Items is not null)
        {
            spec = spec.Items;
        }

        return spec.Enum;
    }

    // ---- Writers ------------------------------------------------------------------------

    private void WriteTypeRecord(CodeWriter writer, ProtocolDomain domain, ProtocolTypeDef type)
    {
        var name = _typeNames[type.QualifiedId];
        DocText.WriteSummary(writer, DocText.Build(
            type.Description,
            $"The <c>{type.QualifiedId}</c> type.",
            type.Experimental || domain.Experimental,
            type.Deprecated));
        writer.Line($"public sealed record {name}");
        writer.Open();
        WriteProperties(writer, name, type.QualifiedId, domain.Name, type.Spec.Properties ?? [], RecordMembers);
        writer.Close();
    }

    private void WriteEnumClass(CodeWriter writer, ProtocolDomain domain, ProtocolTypeDef type)
    {
        var name = _typeNames[type.QualifiedId];
        var values = type.Spec.Enum ?? [];
        DocText.WriteSummary(writer, DocText.Build(
            type.Description,
            $"Values of the <c>{type.QualifiedId}</c> string enum.",
            type.Experimental || domain.Experimental,
            type.Deprecated));
        writer.Line($"public static class {name}");
        writer.Open();
        var members = MemberNames(name, values, ObjectMembers, Naming.EnumMember);
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                writer.Line();
            }

            writer.Line($"/// <summary><c>{DocText.Escape(values[i])}</c></summary>");
            writer.Line($"public const string {Naming.Escape(members[i])} = {Literal(values[i])};");
        }

        writer.Close();
    }

    private (string Request, string? Response) WriteCommand(CodeWriter writer, ProtocolDomain domain, ProtocolMember command)
    {
        var baseName = CommandBase(domain, command);
        var request = baseName + "Request";
        var response = command.Returns.Count > 0 ? baseName + "Response" : null;
        var responseType = response ?? "CdpEmptyResponse";
        var experimental = command.Experimental || domain.Experimental;

        DocText.WriteSummary(writer, DocText.Build(
            command.Description,
            $"Parameters of the <c>{command.QualifiedName}</c> command.",
            experimental,
            command.Deprecated,
            command.Description is null ? null : $"Command <c>{command.QualifiedName}</c>."));
        writer.Line($"public sealed record {request} : ICdpCommand<{responseType}>");
        writer.Open();
        writer.Line($"/// <summary>The protocol method, <c>{command.QualifiedName}</c>.</summary>");
        writer.Line($"public const string MethodName = {Literal(command.QualifiedName)};");
        writer.Line();
        writer.Line($"string ICdpCommand<{responseType}>.CdpMethod => MethodName;");
        if (command.Parameters.Count > 0)
        {
            writer.Line();
            WriteProperties(writer, request, command.QualifiedName, domain.Name, command.Parameters, [.. RecordMembers, "MethodName"]);
        }

        writer.Close();

        if (response is not null)
        {
            writer.Line();
            DocText.WriteSummary(writer, DocText.Build(
                null,
                $"Result of the <c>{command.QualifiedName}</c> command.",
                experimental,
                command.Deprecated));
            writer.Line($"public sealed record {response}");
            writer.Open();
            WriteProperties(writer, response, command.QualifiedName, domain.Name, command.Returns, RecordMembers);
            writer.Close();
        }

        return (request, response);
    }

    private string WriteEvent(CodeWriter writer, ProtocolDomain domain, ProtocolMember evt)
    {
        var name = CommandBase(domain, evt) + "Event";
        DocText.WriteSummary(writer, DocText.Build(
            evt.Description,
            $"Payload of the <c>{evt.QualifiedName}</c> event.",
            evt.Experimental || domain.Experimental,
            evt.Deprecated,
            evt.Description is null ? null : $"Event <c>{evt.QualifiedName}</c>."));
        writer.Line($"public sealed record {name} : ICdpEvent");
        writer.Open();
        writer.Line($"/// <summary>The protocol event name, <c>{evt.QualifiedName}</c>.</summary>");
        writer.Line($"public static string CdpEventName => {Literal(evt.QualifiedName)};");
        if (evt.Parameters.Count > 0)
        {
            writer.Line();
            WriteProperties(writer, name, evt.QualifiedName, domain.Name, evt.Parameters, [.. RecordMembers, "CdpEventName"]);
        }

        writer.Close();
        return name;
    }

    private void WriteProperties(
        CodeWriter writer,
        string owner,
        string protocolOwner,
        string domain,
        IReadOnlyList<ProtocolProperty> properties,
        IEnumerable<string> reserved)
    {
        var names = MemberNames(owner, properties.Select(p => p.Name), reserved, Naming.Pascal);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (i > 0)
            {
                writer.Line();
            }

            string? extra = null;
            if (EnumReference(property.Spec, domain) is { } enumType)
            {
                extra = $"Values: see <see cref=\"{enumType}\"/>.";
            }
            else if (InlineEnum(property.Spec) is { } values)
            {
                extra = "Allowed values: " + string.Join(", ", values.Select(v => $"<c>{DocText.Escape(v)}</c>")) + ".";
            }

            var optional = property.Optional;
            if (!optional && GeneratorSettings.ForceOptional.Contains(protocolOwner + "." + property.Name))
            {
                optional = true;
                _forcedOptional.Add(protocolOwner + "." + property.Name);
                extra = (extra is null ? "" : extra + " ") + "Required in the protocol, but Chrome may send null.";
                _notes.Add($"{protocolOwner}.{property.Name}: required in the protocol, generated optional (ForceOptional).");
            }

            DocText.WriteSummary(writer, DocText.Build(
                property.Description,
                $"The <c>{property.Name}</c> value.",
                property.Experimental,
                property.Deprecated,
                extra));
            var type = MapSpec(property.Spec, domain);
            writer.Line($"[JsonPropertyName({Literal(property.Name)})]");
            writer.Line(optional
                ? $"public {type}? {Naming.Escape(names[i])} {{ get; init; }}"
                : $"public required {type} {Naming.Escape(names[i])} {{ get; init; }}");
        }
    }

    private GeneratedFile WriteFile(ProtocolDomain domain, bool full, CodeWriter body)
    {
        var text = body.ToString();
        var writer = new CodeWriter();
        WriteHeader(writer, full
            ? $"Chrome DevTools Protocol domain {domain.Name}: types, commands and events."
            : $"Chrome DevTools Protocol domain {domain.Name}: only the types referenced by generated domains.");
        if (text.Contains("IReadOnly", StringComparison.Ordinal))
        {
            writer.Line("using System.Collections.Generic;");
        }

        if (text.Contains("JsonElement", StringComparison.Ordinal))
        {
            writer.Line("using System.Text.Json;");
        }

        if (text.Contains("[JsonPropertyName(", StringComparison.Ordinal))
        {
            writer.Line("using System.Text.Json.Serialization;");
        }

        writer.Line();
        writer.Line($"namespace {GeneratorSettings.Namespace};");
        var content = writer + text;
        return new GeneratedFile(domain.Name + ".g.cs", content, content.Count(c => c == '\n'));
    }

    private GeneratedFile WriteContext(List<string> serializable)
    {
        var writer = new CodeWriter();
        WriteHeader(writer, "Source-generated System.Text.Json metadata for every generated protocol message and type.");
        writer.Line("using System.Text.Json.Serialization;");
        writer.Line();
        writer.Line($"namespace {GeneratorSettings.Namespace};");
        writer.Line();
        writer.Line("/// <summary>JSON metadata for all generated CDP requests, responses, events and types.</summary>");
        writer.Line("[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]");
        writer.Line("[JsonSerializable(typeof(CdpEmptyResponse))]");
        foreach (var name in serializable)
        {
            writer.Line($"[JsonSerializable(typeof({name}))]");
        }

        writer.Line($"public sealed partial class {GeneratorSettings.ContextName} : JsonSerializerContext;");
        var content = writer.ToString();
        return new GeneratedFile(GeneratorSettings.ContextName + ".g.cs", content, writer.LineCount);
    }

    private void WriteHeader(CodeWriter writer, string description)
    {
        writer.Line("// <auto-generated/>");
        writer.Line("#nullable enable");
        writer.Line($"// {description}");
        writer.Line($"// Generated by tools/Navigator.CdpGen from devtools-protocol {_packageVersion}; do not edit, run tools/generate-cdp.sh.");
        writer.Line();
    }

    private static string Literal(string value)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
