namespace Navigator.Actions.Changes;

/// <summary>Options for <see cref="PageChangeMonitor"/>.</summary>
public sealed record PageChangeMonitorOptions
{
    /// <summary>Report DOM changes (a MutationObserver in every frame).</summary>
    public bool ObserveDom { get; init; } = true;

    /// <summary>A dom_changed is reported once the DOM was quiet this long...</summary>
    public TimeSpan DomQuietPeriod { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>...or at the latest this long after the first unreported mutation (busy pages).</summary>
    public TimeSpan DomMaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the page itself batches mutations before telling us.</summary>
    public TimeSpan PageBatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Changes kept for <see cref="PageChangeMonitor.ReadAllAsync"/> when nobody reads; the oldest go first.</summary>
    public int Capacity { get; init; } = 1024;
}
