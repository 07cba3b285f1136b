using System.Text.Json;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Cluster;

/// <summary>
/// The room a request is for, when it is one a node of the cluster must serve: an MCP <c>tools/call</c>
/// with a <c>room_name</c> argument (its JSON-RPC id kept for error replies), or <c>/rooms/{room_name}/...</c>.
/// </summary>
internal sealed record RoomRoute(string RoomName, string? Tool, JsonElement? RpcId)
{
    /// <summary>The tool that starts rooms (placed on the least-loaded node).</summary>
    public const string StartTool = "start_browser_session";

    /// <summary>True for an MCP call.</summary>
    public bool IsMcp => Tool is not null;

    /// <summary>True for a call that starts a room.</summary>
    public bool IsStart => Tool == StartTool;

    /// <summary>Reads the route of the request, leaving its body readable again; null when it is not for one room.</summary>
    public static async Task<RoomRoute?> ReadAsync(HttpContext context, string mcpPath)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/rooms", out var rest))
        {
            var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var room = segments.Length > 0 ? Uri.UnescapeDataString(segments[0]) : null;
            return room is not null && RoomNames.IsValid(room) ? new RoomRoute(room, null, null) : null;
        }

        if (!HttpMethods.IsPost(request.Method) || !request.Path.Equals(mcpPath, StringComparison.Ordinal)
            || request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, default, context.RequestAborted);
            return FromRpc(body.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON: the MCP endpoint answers it with its own error.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static RoomRoute? FromRpc(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("method", out var method) || !method.ValueEquals("tools/call")
            || !message.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !parameters.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.Object
            || !arguments.TryGetProperty("room_name", out var room) || room.ValueKind != JsonValueKind.String
            || room.GetString() is not { } roomName || !RoomNames.IsValid(roomName))
        {
            return null;
        }

        JsonElement? id = message.TryGetProperty("id", out var rpcId) ? rpcId.Clone() : null;
        return new RoomRoute(roomName, name.GetString(), id);
    }
}
