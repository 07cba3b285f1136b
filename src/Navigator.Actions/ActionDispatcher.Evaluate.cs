using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>The evaluate action: JavaScript of the agent's in the page's main world, its JSON value back.</summary>
public sealed partial class ActionDispatcher
{
    private const string EvaluateObjectGroup = "navigator-evaluate";

    private async Task<ActionResult> EvaluateAsync(EvaluateCommand command, CancellationToken cancellationToken)
    {
        if (!Options.AllowEvaluate)
        {
            throw new ActionException(ActionErrorCodes.ActionDisabled,
                "evaluate is turned off on this server (AllowEvaluate = false); use the other actions (extract, click, type, ...) instead");
        }

        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Evaluate, async () =>
        {
            var cdp = page.Page.Cdp;
            try
            {
                var (value, type) = await EvaluateValueAsync(cdp, command.Expression, cancellationToken);
                var data = new JsonObject { ["result"] = value, ["type"] = type };
                return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Evaluate, Success = true, Data = ToElement(data) }, cancellationToken);
            }
            finally
            {
                _ = cdp.SendAsync(new RuntimeReleaseObjectGroupRequest { ObjectGroup = EvaluateObjectGroup }, CancellationToken.None)
                    .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        });
    }

    /// <summary>Evaluates, calls the value when it is a function, awaits promises, and reads the value as JSON.</summary>
    private async Task<(JsonNode? Value, string Type)> EvaluateValueAsync(CdpSession cdp, string expression, CancellationToken cancellationToken)
    {
        // Script that never yields is stopped by V8 well before the page counts as stuck; the
        // whole wait, promise included, is bounded by EvaluateTimeout.
        var runLimit = TimeSpan.FromTicks(Math.Min(Options.EvaluateTimeout.Ticks, Options.PageResponseTimeout.Ticks / 2));
        var started = Time.GetTimestamp();
        RuntimeRemoteObject value;
        try
        {
            var evaluated = await cdp.SendAsync(new RuntimeEvaluateRequest
            {
                Expression = AsExpression(expression),
                ObjectGroup = EvaluateObjectGroup,
                AwaitPromise = true,
                UserGesture = true,
                Timeout = runLimit.TotalMilliseconds,
            }, Options.EvaluateTimeout, cancellationToken);
            value = ThrowIfThrew(evaluated.Result, evaluated.ExceptionDetails, runLimit);
            if (value.Type == "function")
            {
                var remaining = Options.EvaluateTimeout - Time.GetElapsedTime(started);
                var called = await cdp.SendAsync(new RuntimeCallFunctionOnRequest
                {
                    FunctionDeclaration = "function() { return this(); }",
                    ObjectId = value.ObjectId,
                    ObjectGroup = EvaluateObjectGroup,
                    AwaitPromise = true,
                    UserGesture = true,
                }, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), cancellationToken);
                value = ThrowIfThrew(called.Result, called.ExceptionDetails, runLimit);
            }
        }
        catch (CdpCommandTimeoutException)
        {
            throw new ActionException(ActionErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"evaluate: no value within {Options.EvaluateTimeout.TotalMilliseconds:0} ms (a promise that did not settle?)"));
        }
        catch (CdpProtocolException ex) when (Time.GetElapsedTime(started) >= runLimit)
        {
            // Chromium answers a Runtime.evaluate stopped by its own timeout with a bare protocol
            // error ("Internal error") rather than exception details.
            throw new ActionException(ActionErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"evaluate: the script ran for {runLimit.TotalMilliseconds:0} ms without yielding and was stopped (an endless loop?) ({ex.ProtocolMessage})"));
        }
        catch (CdpProtocolException ex)
        {
            throw new ActionException(ActionErrorCodes.ScriptError, $"evaluate: the page could not run the script ({ex.ProtocolMessage}); it may be navigating");
        }

        if (value.ObjectId is not null)
        {
            return await ObjectJsonAsync(cdp, value, cancellationToken);
        }

        var primitive = PrimitiveJson(value);
        var length = primitive.Value?.ToJsonString().Length ?? 4;
        return length <= Options.MaxEvaluateResultChars ? primitive : throw TooLarge(length);
    }

    private ActionException TooLarge(long length) => new(ActionErrorCodes.ResultTooLarge, string.Create(CultureInfo.InvariantCulture,
        $"evaluate: the value is {length} characters of JSON, over the {Options.MaxEvaluateResultChars} limit; return less (pick fields, slice arrays or text, or count)"));

    /// <summary>
    /// A function source given as <c>function () {...}</c> would parse as a nameless function
    /// statement (a SyntaxError); in parentheses it is the function value that is then called.
    /// </summary>
    private static string AsExpression(string source)
    {
        var trimmed = source.TrimStart();
        return trimmed.StartsWith("function", StringComparison.Ordinal) || trimmed.StartsWith("async function", StringComparison.Ordinal)
            ? "(" + source + "\n)"
            : source;
    }

    private static RuntimeRemoteObject ThrowIfThrew(RuntimeRemoteObject result, RuntimeExceptionDetails? error, TimeSpan runLimit)
    {
        if (error is null)
        {
            return result;
        }

        var description = error.Exception?.Description ?? error.Exception?.Value?.ToString() ?? error.Text;
        if (description.Contains("Execution was terminated", StringComparison.Ordinal) || error.Text.Contains("terminated", StringComparison.Ordinal))
        {
            throw new ActionException(ActionErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture,
                $"evaluate: the script ran for {runLimit.TotalMilliseconds:0} ms without yielding and was stopped (an endless loop?)"));
        }

        // The first lines name the error and where it happened; the rest is V8's stack.
        var lines = description.Split('\n');
        var shown = string.Join("\n", lines.Take(3)).Trim();
        throw new ActionException(ActionErrorCodes.ScriptError, $"evaluate: the script threw: {Shorten(shown, 1000)}");
    }

    /// <summary>A value CDP returned directly (string, number, boolean, null, undefined, NaN, bigint, symbol).</summary>
    private static (JsonNode? Value, string Type) PrimitiveJson(RuntimeRemoteObject value)
    {
        if (value.UnserializableValue is { } special)
        {
            // NaN, Infinity, -0 and bigints have no JSON form: they come back as their JavaScript text.
            return (JsonValue.Create(special), value.Type);
        }

        return value.Type switch
        {
            "undefined" => (null, "undefined"),
            "symbol" => (JsonValue.Create(value.Description), "symbol"),
            _ => (value.Value is { } json ? JsonNode.Parse(json.GetRawText()) : null, value.Subtype == "null" ? "null" : value.Type),
        };
    }

    /// <summary>An object's JSON, made in the page (DOM nodes, maps, sets described), refused when too large.</summary>
    private async Task<(JsonNode? Value, string Type)> ObjectJsonAsync(CdpSession cdp, RuntimeRemoteObject value, CancellationToken cancellationToken)
    {
        var limit = Options.MaxEvaluateResultChars;
        var serialized = await cdp.SendAsync(new RuntimeCallFunctionOnRequest
        {
            FunctionDeclaration = EvaluateScripts.Serialize,
            ObjectId = value.ObjectId,
            Arguments = [new RuntimeCallArgument { Value = JsonElement.Parse(limit.ToString(CultureInfo.InvariantCulture)) }],
            ReturnByValue = true,
        }, cancellationToken);
        var outcome = serialized.Result.Value;
        if (serialized.ExceptionDetails is not null || outcome is not { ValueKind: JsonValueKind.Object } result)
        {
            throw new ActionException(ActionErrorCodes.ScriptError, "evaluate: the value could not be read back (the page changed its JSON functions?)");
        }

        switch (result.GetProperty("status").GetString())
        {
            case "ok":
                return (JsonNode.Parse(result.GetProperty("json").GetString()!), result.GetProperty("type").GetString() ?? "object");
            case "too_large":
                throw TooLarge(result.GetProperty("length").GetInt64());
            default:
                throw new ActionException(ActionErrorCodes.ScriptError,
                    $"evaluate: the value cannot be turned into JSON ({result.GetProperty("reason").GetString()}); return plain data, e.g. pick the fields you need");
        }
    }
}
