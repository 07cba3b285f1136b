namespace Navigator.Testing;

/// <summary>
/// Waits for a condition that no event announces (a process leaving /proc, a file appearing).
/// Polls briefly; fails with the description when the time is up.
/// </summary>
public static class Eventually
{
    /// <summary>Returns when <paramref name="condition"/> holds; throws TimeoutException after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string description)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {description}");
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
