using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>
/// Wraps every tool call: validates arguments against the tool's schema and turns failures
/// into MCP tool errors (<c>isError</c> with an error code), never protocol errors or stack traces.
/// </summary>
internal static partial class ToolCallFilter
{
    /// <summary>Error code for a call to a tool this server does not have.</summary>
    public const string UnknownTool = "unknown_tool";

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next,
        ToolArgumentValidator validator,
        ILogger logger) =>
        async (request, cancellationToken) =>
        {
            var tool = request.MatchedPrimitive is McpServerTool matched ? matched.ProtocolTool.Name : "unknown";
            using var activity = ToolTelemetry.StartToolCall(tool, RoomOf(request.Params?.Arguments));
            var started = Stopwatch.GetTimestamp();
            var result = await CallAsync(request, next, validator, logger, cancellationToken);
            ToolTelemetry.ToolCallCompleted(activity, tool, ToolResultText.ErrorCodeOf(result), Stopwatch.GetElapsedTime(started));
            return result;
        };

    /// <summary>The room_name argument, when the call has a plausible one (for the span).</summary>
    private static string? RoomOf(IDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue("room_name", out var room) && room.ValueKind == JsonValueKind.String
            && room.GetString() is { } name && RoomNames.IsValid(name) ? name : null;

    private static async ValueTask<CallToolResult> CallAsync(
        RequestContext<CallToolRequestParams> request,
        McpRequestHandler<CallToolRequestParams, CallToolResult> next,
        ToolArgumentValidator validator,
        ILogger logger,
        CancellationToken cancellationToken)
        {
            if (request.MatchedPrimitive is not McpServerTool)
            {
                // Answered here as a tool error the model can read, and never logged with the (possibly huge) name.
                var name = request.Params?.Name ?? string.Empty;
                return ToolResults.Error(UnknownTool, $"There is no tool named '{(name.Length <= 64 ? name : string.Concat(name.AsSpan(0, 61), "..."))}'; list_tools names the available ones");
            }

            if (request.MatchedPrimitive is McpServerTool tool && validator.Validate(tool.ProtocolTool, request.Params?.Arguments) is { } invalid)
            {
                return ToolResults.Error(invalid);
            }

            try
            {
                return await next(request, cancellationToken);
            }
            catch (NavigatorToolException ex)
            {
                return ToolResults.Error(ex.Code, ex.Message);
            }
            catch (Navigator.Actions.ActionException ex)
            {
                return ToolResults.Error(ex.Code, ex.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                return ToolResults.Error(ToolErrorCodes.Timeout, "The call was cancelled before it finished: " + ex.Message);
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidCastException)
            {
                // Argument binding failures the schema check did not catch (e.g. a value out of range for int).
                return ToolResults.Error(Navigator.Actions.ActionErrorCodes.InvalidParameter, ex.Message);
            }
            catch (Exception ex) when (ex is not McpProtocolException and not OutOfMemoryException)
            {
                LogToolFailed(logger, request.Params?.Name ?? "?", ex);

                // Exception names and messages are for the log, not for the model.
                return ToolResults.Error(ToolErrorCodes.InternalError, "The call failed because of an internal error; it was logged");
            }
        }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
    private static partial void LogToolFailed(ILogger logger, string tool, Exception exception);
}
