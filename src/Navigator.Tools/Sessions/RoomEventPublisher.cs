using System.Text.Json;
using Microsoft.Extensions.Logging;
using Navigator.Actions;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Sends room events to the broadcaster, stamped with the room clock. Never throws: a broadcaster
/// failure must not fail the browser work that raised the event.
/// </summary>
internal sealed partial class RoomEventPublisher(IRoomEventBroadcaster events, TimeProvider time, ILogger logger)
{
    /// <summary>Params larger than this are left out of action events (events go to every client of the room).</summary>
    private const int MaxEventParamsLength = 8 * 1024;

    public double NowSeconds => RoomEvent.ToUnixSeconds(time.GetUtcNow());

    public void Publish(string roomName, RoomEvent roomEvent)
    {
        try
        {
            events.Publish(roomName, roomEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPublishFailed(logger, roomName, roomEvent.Type, ex);
        }
    }

    /// <summary>action_completed or action_error for one action's result.</summary>
    public void PublishAction(string roomName, ActionResult result, JsonElement parameters, int paramsLength)
    {
        var descriptor = new ActionDescriptor { ActionType = result.ActionType, Params = paramsLength <= MaxEventParamsLength ? parameters.Clone() : null };
        if (result.Success)
        {
            Publish(roomName, new ActionCompletedEvent { Action = descriptor, DurationMs = Math.Round(result.DurationMs, 1), Url = result.Url, Correction = result.Correction, Timestamp = NowSeconds });
            return;
        }

        Publish(roomName, new ActionErrorEvent
        {
            Error = result.Error ?? "The action failed",
            ErrorCode = result.ErrorCode,
            Action = descriptor,
            Correction = result.Correction,
            Timestamp = NowSeconds,
        });
    }

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Room {RoomName}: publishing {EventType} failed")]
    private static partial void LogPublishFailed(ILogger logger, string roomName, string eventType, Exception exception);
}
