namespace Navigator.Actions.Dispatch;

/// <summary>
/// The dispatcher's page JavaScript (<c>Dispatch/Scripts/*.js</c>). Element functions run with
/// Runtime.callFunctionOn (<c>this</c> is the element) and return a plain <c>{status: ...}</c>
/// object the dispatcher turns into a result or an error code.
/// </summary>
internal static class PageScripts
{
    /// <summary>Name of the isolated world holding the mutation counter.</summary>
    public const string ProbeWorld = "__navigator_actions";

    /// <summary>Readies the element for a pointer action (<c>prepare-for-pointer.js</c>).</summary>
    public static string PrepareForPointer { get; } = EmbeddedScripts.ElementFunction("prepare-for-pointer.js");

    /// <summary>Focuses a field and places the caret or selection for typing (<c>prepare-for-typing.js</c>).</summary>
    public static string PrepareForTyping { get; } = EmbeddedScripts.ElementFunction("prepare-for-typing.js");

    /// <summary>Focuses an element (for send_keys with an index).</summary>
    public static string Focus { get; } = EmbeddedScripts.ElementFunction("focus-element.js");

    /// <summary>Chooses an option of a select by value or label (<c>select-option.js</c>).</summary>
    public static string SelectOption { get; } = EmbeddedScripts.ElementFunction("select-option.js");

    /// <summary>Scrolls a container or the page, or brings the element into view (<c>scroll-page.js</c>).</summary>
    public static string Scroll { get; } = EmbeddedScripts.ElementFunction("scroll-page.js");

    /// <summary>Describes an element for upload (<c>describe-file-input.js</c>).</summary>
    public static string DescribeFileInput { get; } = EmbeddedScripts.ElementFunction("describe-file-input.js");

    /// <summary>Whether the element or an ancestor is HTML5-draggable.</summary>
    public static string IsDraggable { get; } = EmbeddedScripts.ElementFunction("is-draggable.js");

    /// <summary>Waits for a text or a visible selector match (<c>wait-for-condition.js</c>), called with <c>{ text, selector, timeoutMs }</c>.</summary>
    public static string WaitForCondition { get; } = EmbeddedScripts.ElementFunction("wait-for-condition.js");

    /// <summary>A function (since, boundMs) resolving once the animations an action started have finished (<c>wait-for-animations.js</c>).</summary>
    public static string WaitForAnimations { get; } = EmbeddedScripts.Load("wait-for-animations.js");

    /// <summary>An expression resolving once the document has loaded.</summary>
    public static string WaitForLoad { get; } = EmbeddedScripts.Load("wait-for-load.js");

    /// <summary>Installs the mutation counter in <see cref="ProbeWorld"/> (<c>mutation-probe.js</c>).</summary>
    public static string ProbeInstall { get; } = EmbeddedScripts.Load("mutation-probe.js");

    /// <summary>An expression reading the probe: mutation count, URL, title.</summary>
    public static string ProbeRead { get; } = EmbeddedScripts.Load("mutation-probe-read.js");
}
