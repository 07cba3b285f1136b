using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Navigator.Tools.Mcp;

/// <summary>
/// Checks a call's arguments against the tool's input schema before the SDK binds them, so a
/// missing room, a wrong type or an unknown argument gets a precise tool error instead of a
/// generic binding failure.
/// </summary>
internal sealed class ToolArgumentValidator
{
    /// <summary>Longest string accepted in any top-level argument; action params have their own limits.</summary>
    public const int MaxStringLength = 16 * 1024;

    private readonly ConcurrentDictionary<string, Contract> _contracts = new(StringComparer.Ordinal);

    /// <summary>Null when the arguments fit; otherwise the error to return.</summary>
    public ToolError? Validate(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        var contract = _contracts.GetOrAdd(tool.Name, _ => Contract.From(tool.InputSchema));
        arguments ??= new Dictionary<string, JsonElement>();
        foreach (var name in contract.Required)
        {
            if (!arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                return Fail(Navigator.Actions.ActionErrorCodes.MissingParameter, $"{name} is required");
            }
        }

        foreach (var (name, value) in arguments)
        {
            if (!contract.Properties.TryGetValue(name, out var types))
            {
                return Fail(
                    Navigator.Actions.ActionErrorCodes.InvalidParameter,
                    $"Unknown argument '{Shorten(name)}'; {tool.Name} takes {string.Join(", ", contract.Properties.Keys)}");
            }

            if (types.Count > 0 && !types.Any(t => Matches(t, value)))
            {
                return Fail(
                    Navigator.Actions.ActionErrorCodes.InvalidParameter,
                    $"{name} must be {Describe(types)}, not {DescribeValue(value)}");
            }

            if (value.ValueKind == JsonValueKind.Array && contract.ItemTypes.TryGetValue(name, out var itemTypes) && itemTypes.Count > 0)
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (!itemTypes.Any(t => Matches(t, item)))
                    {
                        return Fail(
                            Navigator.Actions.ActionErrorCodes.InvalidParameter,
                            $"{name}[{index}] must be {Describe(itemTypes)}, not {DescribeValue(item)}");
                    }

                    index++;
                }
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > MaxStringLength)
            {
                return Fail(
                    Navigator.Actions.ActionErrorCodes.InvalidParameter,
                    $"{name} is {value.GetString()!.Length} characters long; at most {MaxStringLength} are allowed");
            }
        }

        return null;
    }

    private static ToolError Fail(string code, string message) => new() { ErrorCode = code, Error = message };

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Describe(IReadOnlyList<string> types)
    {
        var named = types.Where(t => t != "null").Select(t => t switch
        {
            "integer" => "an integer",
            "array" => "an array",
            "object" => "an object",
            _ => "a " + t,
        }).ToList();
        return named.Count == 0 ? "null" : string.Join(" or ", named) + (types.Contains("null") ? " (or null)" : string.Empty);
    }

    private static string DescribeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt32(out _) ? "the number " + value.GetRawText() : value.TryGetInt64(out _) ? "the out-of-range number " + value.GetRawText() : "the number " + Shorten(value.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 61), "...");

    private sealed record Contract(IReadOnlyDictionary<string, IReadOnlyList<string>> Properties, IReadOnlyDictionary<string, IReadOnlyList<string>> ItemTypes, IReadOnlyList<string> Required)
    {
        public static Contract From(JsonElement schema)
        {
            var properties = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var itemTypes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in props.EnumerateObject())
                {
                    properties[property.Name] = TypesOf(property.Value);
                    if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("items", out var items))
                    {
                        itemTypes[property.Name] = TypesOf(items);
                    }
                }
            }

            var required = new List<string>();
            if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
            {
                required.AddRange(req.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            }

            return new Contract(properties, itemTypes, required);
        }

        private static IReadOnlyList<string> TypesOf(JsonElement propertySchema)
        {
            if (propertySchema.ValueKind != JsonValueKind.Object || !propertySchema.TryGetProperty("type", out var type))
            {
                return [];
            }

            return type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array => [.. type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)],
                _ => [],
            };
        }
    }
}
