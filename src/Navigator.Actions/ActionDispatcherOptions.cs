namespace Navigator.Actions;

/// <summary>How long the dispatcher lets pages settle after actions, and its other limits.</summary>
public sealed record ActionDispatcherOptions
{
    /// <summary>
    /// When an action starts a navigation of the tab, how long to wait for the new page to load
    /// before returning anyway (the result then says it is still loading).
    /// </summary>
    public TimeSpan NavigationSettleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When an action starts network requests, how long to wait for them to finish.</summary>
    public TimeSpan NetworkSettleTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// After the requests an action started have finished, how long no new request may start
    /// before the page counts as settled (lets the page render the response or chain a request).
    /// </summary>
    public TimeSpan NetworkQuietWindow { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// When an action starts CSS transitions or animations (a panel opening, a picker fading out),
    /// how long to wait for them to end so the next read sees the final layout. Infinite ones
    /// (spinners) and those running before the action are never waited for. Zero turns it off.
    /// </summary>
    public TimeSpan AnimationSettleTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for a popup an action opened to appear and load.</summary>
    public TimeSpan PopupTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an element may keep moving (animations) before a pointer action uses its current place.</summary>
    public TimeSpan StableTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait for the file chooser that clicking an upload button opens.</summary>
    public TimeSpan FileChooserTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A JavaScript dialog nobody answers with handle_dialog is dismissed after this long, so a
    /// tab never stays blocked. Null keeps dialogs open until handled. Actions on a tab with an
    /// open dialog fail with dialog_open until then.
    /// </summary>
    public TimeSpan? DialogAutoDismissAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After an action that changed the page without navigating, read the page state again and
    /// report which indexed elements appeared or went away (costs one state capture per such action).
    /// </summary>
    public bool ReportElementChanges { get; init; } = true;

    /// <summary>
    /// How long the page may leave the dispatcher without an answer while an action runs before
    /// the action fails with <c>timeout</c> (a script stuck in a loop blocks the page; without
    /// this the action would wait for the 30 s CDP command timeout). Long enough for heavy but
    /// finite scripts.
    /// </summary>
    public TimeSpan PageResponseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the <c>evaluate</c> action (arbitrary JavaScript in the page) is available. When
    /// false it fails with <c>action_disabled</c>. Server setting <c>Sessions:Actions:AllowEvaluate</c>.
    /// </summary>
    public bool AllowEvaluate { get; init; } = true;

    /// <summary>
    /// How long <c>evaluate</c> waits for its value (a promise included). Script that runs without
    /// yielding is stopped sooner, at half of <see cref="PageResponseTimeout"/>, so the page is
    /// freed and not left stuck.
    /// </summary>
    public TimeSpan EvaluateTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest JSON value <c>evaluate</c> returns, in characters; larger values fail with <c>result_too_large</c>.</summary>
    public int MaxEvaluateResultChars { get; init; } = 20_000;

    /// <summary>
    /// The only folder upload_file may send files from (symbolic links leading out of it are
    /// refused too). Null turns upload_file off, so no file of the host can reach a page by default.
    /// </summary>
    public string? UploadDirectory { get; init; }

    /// <summary>
    /// What happens when an action fails with element_not_found, stale_element, element_obscured,
    /// element_not_interactable or a navigation timeout (see <see cref="Correction.SelfCorrectionPolicy"/>);
    /// a session or a call may choose another. Server setting <c>Sessions:Actions:SelfCorrection</c>.
    /// </summary>
    public Correction.SelfCorrectionPolicy SelfCorrection { get; init; } = Correction.SelfCorrectionPolicy.Suggest;

    /// <summary>How long self-correction waits at most for the page to stop changing before it retries.</summary>
    public TimeSpan CorrectionSettleTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Tallest full-page screenshot, in CSS pixels (longer pages are cut).</summary>
    public int MaxScreenshotHeight { get; init; } = 16_384;
}
