using System.Text.Json;

namespace Navigator.Actions.Commands;

/// <summary>
/// Reads typed, snake_case parameters from a JSON object and reports wrong types, and names it
/// does not know, as <see cref="ActionException"/>s that name the parameter.
/// </summary>
internal sealed class ParameterReader
{
    private readonly string _actionType;
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public ParameterReader(string actionType, JsonElement parameters)
    {
        _actionType = actionType;
        if (parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"parameters must be a JSON object (got {Describe(parameters.ValueKind)})");
        }

        foreach (var property in parameters.EnumerateObject())
        {
            // null means "not given", which is how many clients send optional values.
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                _values[property.Name] = property.Value;
            }
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name, params string[] aliases)
    {
        if (Find(name, aliases) is not (string key, var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Invalid($"'{key}' must be a string (got {Describe(value.ValueKind)})");
    }

    public int? Int(string name, params string[] aliases)
    {
        if (Find(name, aliases) is not (string key, var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Invalid($"'{key}' must be an integer (got {Describe(value.ValueKind)}{(value.ValueKind == JsonValueKind.String ? $" \"{value.GetString()}\"" : string.Empty)})");
        }

        return value.TryGetInt32(out var number)
            ? number
            : throw Invalid($"'{key}' must be an integer (got {value.GetRawText()})");
    }

    public double? Number(string name, params string[] aliases)
    {
        if (Find(name, aliases) is not (string key, var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw Invalid($"'{key}' must be a number (got {Describe(value.ValueKind)}{(value.ValueKind == JsonValueKind.String ? $" \"{value.GetString()}\"" : string.Empty)})");
    }

    public bool? Bool(string name, params string[] aliases)
    {
        if (Find(name, aliases) is not (string key, var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"'{key}' must be true or false (got {Describe(value.ValueKind)})"),
        };
    }

    /// <summary>A list of strings, also accepting a single string.</summary>
    public IReadOnlyList<string>? Strings(string name, params string[] aliases)
    {
        if (Find(name, aliases) is not (string key, var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{key}' must be a string or an array of strings (got {Describe(value.ValueKind)})");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw Invalid($"'{key}' must contain only strings (found {Describe(item.ValueKind)})"))];
    }

    /// <summary>A point from two coordinates; both or neither must be given.</summary>
    public ActionPoint? Point(string xName, string yName)
    {
        var x = Number(xName);
        var y = Number(yName);
        if (x is null != y is null)
        {
            throw new ActionException(ActionErrorCodes.MissingParameter, $"{_actionType}: give both '{xName}' and '{yName}'");
        }

        return x is null ? null : new ActionPoint(x.Value, y!.Value);
    }

    /// <summary>Fails on any parameter no reader asked for (catches typos like "idx").</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_known.Contains(k)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var expected = _known.Count == 0 ? "none" : string.Join(", ", _known.Order(StringComparer.Ordinal));
        throw Invalid($"unknown parameter{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; accepted: {expected}");
    }

    private (string Key, JsonElement Value)? Find(string name, string[] aliases)
    {
        _known.Add(name);
        foreach (var alias in aliases)
        {
            _known.Add(alias);
        }

        (string, JsonElement)? found = null;
        foreach (var key in aliases.Prepend(name))
        {
            if (_values.TryGetValue(key, out var value))
            {
                if (found is not null)
                {
                    throw Invalid($"'{found.Value.Item1}' and '{key}' mean the same; give one");
                }

                found = (key, value);
            }
        }

        return found;
    }

    private ActionException Invalid(string message) => new(ActionErrorCodes.InvalidParameter, $"{_actionType}: {message}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
