namespace Navigator.Actions.Dispatch;

/// <summary>One action in progress on one tab: what the tab looked like before, to tell what the action caused.</summary>
internal sealed class ActionRun(TrackedPage page, ActivityMark mark, long pagesOpened, Task<PageProbe?> probeBefore, Task dialogOpened)
{
    public TrackedPage Page { get; } = page;

    public ActivityMark Mark { get; } = mark;

    /// <summary>Session-wide count of opened tabs before the action.</summary>
    public long PagesOpened { get; } = pagesOpened;

    /// <summary>The mutation count before the action (read in parallel with the action's first commands).</summary>
    public Task<PageProbe?> ProbeBefore { get; } = probeBefore;

    /// <summary>Completes when a dialog opens on the tab after the action began.</summary>
    public Task DialogOpened { get; } = dialogOpened;
}

/// <summary>What the probe world reports: DOM mutations so far, URL, title and the document's animation timeline time (ms; null when it has none).</summary>
internal sealed record PageProbe(long Mutations, string Url, string Title, double? TimelineTime);
