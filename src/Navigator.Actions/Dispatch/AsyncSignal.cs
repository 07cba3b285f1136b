namespace Navigator.Actions.Dispatch;

/// <summary>
/// A pulse waiters can await: <see cref="Next"/> completes at the next <see cref="Pulse"/>.
/// Waiters re-check their condition after each pulse instead of polling.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next pulse.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every current waiter.</summary>
    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
