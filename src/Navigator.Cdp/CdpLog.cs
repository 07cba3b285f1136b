using Microsoft.Extensions.Logging;

namespace Navigator.Cdp;

internal static partial class CdpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "CDP connection closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CDP event handler for {EventName} threw")]
    public static partial void EventHandlerFailed(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Unreadable CDP message dropped")]
    public static partial void UnreadableMessage(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "CDP message for unknown session {SessionId} dropped ({Method})")]
    public static partial void UnknownSession(ILogger logger, string sessionId, string? method);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "CDP read loop failed")]
    public static partial void ReadLoopFailed(ILogger logger, Exception exception);
}
