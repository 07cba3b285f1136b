namespace Navigator.Tools.Sessions;

/// <summary>
/// Signals that shutdown closed every room. Event streams end on it (after their queued
/// session_closed events), not on the host's stopping signal, which fires before rooms close.
/// </summary>
public sealed class SessionsShutdown : IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    /// <summary>Cancelled once every room was closed for shutdown.</summary>
    public CancellationToken RoomsClosed => _closed.Token;

    internal void SignalRoomsClosed()
    {
        try
        {
            _closed.Cancel();
        }
        catch (AggregateException)
        {
            // A listener's failure must not stop the shutdown.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _closed.Dispose();
}
