using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.State;

/// <summary>
/// Builds <see cref="BrowserContextSnapshot"/>s of a session's active tab: one script run in an
/// isolated world walks the composed tree (open shadow roots, same-origin iframes) and returns the
/// visible text in reading order with indexed interactive elements. A capture is one round trip:
/// elements' DOM nodes are resolved only when an action needs one (<see cref="PageAgentNodes"/>),
/// so the first capture of a large document costs about what a repeat does.
/// </summary>
public sealed partial class PageStateBuilder
{
    private const char Slot = '\u0001';

    // Version bookkeeping per session, shared by every builder so two builders agree.
    private static readonly ConditionalWeakTable<BrowserSession, VersionTracker> Versions = new();

    private readonly ILogger _logger;

    /// <summary>Creates a builder; it keeps no per-page state of its own.</summary>
    public PageStateBuilder(ILoggerFactory? loggerFactory = null) =>
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PageStateBuilder>();

    /// <summary>Captures the session's active tab.</summary>
    public Task<BrowserContextSnapshot> CaptureAsync(BrowserSession session, PageStateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        return CaptureAsync(session, session.ActivePage, options, cancellationToken);
    }

    /// <summary>Captures a given tab of the session.</summary>
    public async Task<BrowserContextSnapshot> CaptureAsync(BrowserSession session, BrowserPage page, PageStateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        await page.Ready.ConfigureAwait(false);
        var tabs = options.IncludeTabs ? GetTabsAsync(session, page, cancellationToken) : Task.FromResult<IReadOnlyList<TabInfo>>([]);
        var screenshot = options.IncludeScreenshot
            ? page.SendAsync(new PageCaptureScreenshotRequest { Format = "jpeg", Quality = Math.Clamp(options.ScreenshotQuality, 1, 100), OptimizeForSpeed = true }, cancellationToken)
            : null;

        var world = IsolatedWorld.For(page);
        await world.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        BrowserContextSnapshot snapshot;
        try
        {
            snapshot = await CaptureLockedAsync(session, world, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            world.Gate.Release();
        }

        snapshot = snapshot with
        {
            Tabs = await tabs.ConfigureAwait(false),
            ScreenshotBase64 = screenshot is null ? null : (await screenshot.ConfigureAwait(false)).Data,
        };
        LogCaptured(_logger, page.TargetId, snapshot.Elements.Count, snapshot.Text.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return snapshot;
    }

    private async Task<BrowserContextSnapshot> CaptureLockedAsync(BrowserSession session, IsolatedWorld world, PageStateOptions options, CancellationToken cancellationToken)
    {
        var page = world.Page;
        var arguments = string.Create(CultureInfo.InvariantCulture,
            $"{{viewportOnly:{(options.Mode == PageStateMode.Viewport ? "true" : "false")},listOffscreen:{(options.ListOffscreenElements ? "true" : "false")},maxText:{Math.Max(options.MaxTextLength, 0)}");
        try
        {
            await FrameStateMerger.TagChildFramesAsync(world, cancellationToken).ConfigureAwait(false);
            if (options.DetectClickListeners)
            {
                await ClickListenerScanner.RefreshAsync(world, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CdpProtocolException ex)
        {
            // The document kept being replaced while we prepared (a page navigating itself).
            LogCaptureFailed(_logger, page.TargetId, ex);
            return Unavailable(session, page, "(the page is loading; no content yet)");
        }

        RuntimeEvaluateResponse response;
        var started = Stopwatch.GetTimestamp();
        try
        {
            response = await world.EvaluateAsync($"__navigatorState.capture({arguments}{FrameStateMerger.IndexFloor(page)}}})", null, returnByValue: true, null, cancellationToken).ConfigureAwait(false);
        }
        catch (CdpProtocolException ex)
        {
            // The document is being replaced (navigation in flight): report that rather than fail.
            LogCaptureFailed(_logger, page.TargetId, ex);
            return Unavailable(session, page, "(the page is loading; no content yet)");
        }

        if (response.ExceptionDetails is { } error)
        {
            LogScriptError(_logger, page.TargetId, error.Exception?.Description ?? error.Text);
            return Unavailable(session, page, "(the page's content could not be read)");
        }

        if (response.Result.Value is not { ValueKind: JsonValueKind.String } jsonValue)
        {
            return Unavailable(session, page, "(the page's content could not be read)");
        }

        var evaluated = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(jsonValue.GetString()!);
        var root = document.RootElement;

        var documentId = root.GetProperty("documentId").GetString() ?? string.Empty;
        var elements = ReadElements(root.GetProperty("elements"));
        var text = RenderText(root.GetProperty("lines"), elements.ByPosition);
        var nodes = new FramedElementNodes(new PageAgentNodes(world, documentId));
        (var list, text) = await FrameStateMerger.MergeAsync(world, root, elements.List, text, arguments, options.DetectClickListeners, nodes, cancellationToken).ConfigureAwait(false);
        var zones = root.GetProperty("zones");
        var summary = options.Mode == PageStateMode.Viewport ? Summarise(zones) : null;
        var url = root.GetProperty("url").GetString() ?? page.Url;
        var mutations = root.GetProperty("mutations").GetInt64();
        LogPhases(_logger, page.TargetId, root.GetProperty("took").GetDouble(), Stopwatch.GetElapsedTime(started, evaluated).TotalMilliseconds, Stopwatch.GetElapsedTime(evaluated).TotalMilliseconds);
        var version = Versions.GetValue(session, static _ => new VersionTracker()).Next(page.TargetId, documentId, url, mutations);

        return new BrowserContextSnapshot
        {
            Url = url,
            Title = root.GetProperty("title").GetString() ?? string.Empty,
            LoadState = LoadStateName(page.LoadState),
            ScrollX = root.GetProperty("scrollX").GetDouble(),
            ScrollY = root.GetProperty("scrollY").GetDouble(),
            ViewportWidth = root.GetProperty("viewportWidth").GetDouble(),
            ViewportHeight = root.GetProperty("viewportHeight").GetDouble(),
            PageWidth = root.GetProperty("pageWidth").GetDouble(),
            PageHeight = root.GetProperty("pageHeight").GetDouble(),
            Elements = list,
            Text = text,
            OffscreenSummary = summary,
            Version = version,
            Mode = options.Mode,
            Truncated = root.GetProperty("truncated").GetBoolean(),
            TargetId = page.TargetId,
            Nodes = nodes,
        };
    }

    private static BrowserContextSnapshot Unavailable(BrowserSession session, BrowserPage page, string text) => new()
    {
        Url = page.Url,
        Title = string.Empty,
        LoadState = LoadStateName(page.LoadState),
        Text = text,
        TargetId = page.TargetId,
        Version = Versions.GetValue(session, static _ => new VersionTracker()).Next(page.TargetId, "unavailable", page.Url, 0),
    };

    /// <summary>The load state as the snapshot reports it.</summary>
    public static string LoadStateName(PageLoadState state) => state switch
    {
        PageLoadState.Navigating => "navigating",
        PageLoadState.Loading => "loading",
        PageLoadState.Interactive => "interactive",
        _ => "complete",
    };

    internal static (List<InteractiveElement> List, InteractiveElement?[] ByPosition) ReadElements(JsonElement items)
    {
        var count = items.GetArrayLength();
        var list = new List<InteractiveElement>(count);
        var byPosition = new InteractiveElement?[count];
        var position = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array)
            {
                position++;
                continue;
            }

            var index = item[0].GetInt32();
            var extra = item.GetArrayLength() > 11 ? ReadExtra(item[11]) : default;

            var zone = item[10].GetString() ?? string.Empty;
            var element = new InteractiveElement
            {
                Index = index,
                Role = item[1].GetString()!,
                Name = item[2].GetString() ?? string.Empty,
                Tag = item[3].GetString()!,
                Bounds = new ElementBounds(item[4].GetDouble(), item[5].GetDouble(), item[6].GetDouble(), item[7].GetDouble()),
                ClickPoint = new ActionPoint(item[8].GetDouble(), item[9].GetDouble()),
                InViewport = zone.Length == 0,
                OffscreenDirection = zone.Length == 0 ? null : zone,
                InputType = extra.InputType,
                Value = extra.Value,
                Checked = extra.Checked,
                Mixed = extra.Mixed,
                Selected = extra.Selected,
                Expanded = extra.Expanded,
                Disabled = extra.Disabled,
                Href = extra.Href,
                Hint = extra.Hint,
                Options = extra.Options,
                OptionCount = extra.OptionCount,
                Pressed = extra.Pressed,
                IsSelected = extra.IsSelected,
                Focused = extra.Focused,
                Required = extra.Required,
                InferredClickable = extra.Generic,
            };
            list.Add(element);
            byPosition[position++] = element;
        }

        return (list, byPosition);
    }

    // One pass over the optional fields instead of a lookup per field.
    private static ElementExtra ReadExtra(JsonElement extra)
    {
        var result = default(ElementExtra);
        if (extra.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var property in extra.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "t": result.InputType = value.GetString(); break;
                case "v": result.Value = value.GetString(); break;
                case "c":
                    result.Mixed = value.ValueKind == JsonValueKind.String;
                    result.Checked = OptionalBool(value);
                    break;
                case "s": result.Selected = value.GetString(); break;
                case "e": result.Expanded = OptionalBool(value); break;
                case "d": result.Disabled = true; break;
                case "h": result.Href = value.GetString(); break;
                case "hi": result.Hint = value.GetString(); break;
                case "o": result.Options = [.. value.EnumerateArray().Select(o => o.GetString() ?? string.Empty)]; break;
                case "oc": result.OptionCount = value.GetInt32(); break;
                case "p": result.Pressed = OptionalBool(value); break;
                case "is": result.IsSelected = OptionalBool(value); break;
                case "f": result.Focused = true; break;
                case "rq": result.Required = true; break;
                case "g": result.Generic = true; break;
            }
        }

        return result;
    }

    private struct ElementExtra
    {
        public string? InputType;
        public string? Value;
        public bool? Checked;
        public bool Mixed;
        public string? Selected;
        public bool? Expanded;
        public bool Disabled;
        public string? Href;
        public string? Hint;
        public IReadOnlyList<string>? Options;
        public int OptionCount;
        public bool? Pressed;
        public bool? IsSelected;
        public bool Focused;
        public bool Required;
        public bool Generic;
    }

    private static bool? OptionalBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    // Lines carry element slots as \u0001position\u0001; each becomes the element's line form.
    internal static string RenderText(JsonElement lines, InteractiveElement?[] elements)
    {
        var text = new StringBuilder(lines.GetArrayLength() * 48);
        foreach (var lineElement in lines.EnumerateArray())
        {
            var line = lineElement.GetString() ?? string.Empty;
            var start = 0;
            while (true)
            {
                var open = line.IndexOf(Slot, start);
                if (open < 0)
                {
                    text.Append(line, start, line.Length - start);
                    break;
                }

                var close = line.IndexOf(Slot, open + 1);
                text.Append(line, start, open - start);
                if (close < 0)
                {
                    break;
                }

                if (int.TryParse(line.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                    && position < elements.Length && elements[position] is { } element)
                {
                    InteractiveElementFormatter.Append(text, element);
                }

                start = close + 1;
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string? Summarise(JsonElement zones)
    {
        var parts = new List<string>();
        foreach (var (name, hint) in new[] { ("above", "scroll up"), ("below", "scroll down"), ("left", "scroll left"), ("right", "scroll right") })
        {
            var zone = zones.GetProperty(name);
            var count = zone[0].GetInt32();
            var chars = zone[1].GetInt32();
            if (count > 0 || chars > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {count} interactive elements, ~{chars} chars of text ({hint})"));
            }
        }

        return parts.Count == 0 ? null : "Outside the viewport - " + string.Join("; ", parts);
    }

    private static async Task<IReadOnlyList<TabInfo>> GetTabsAsync(BrowserSession session, BrowserPage active, CancellationToken cancellationToken)
    {
        var pages = session.Pages;
        Dictionary<string, TargetTargetInfo> infos;
        try
        {
            var targets = await session.Browser.Connection.Browser.SendAsync(new TargetGetTargetsRequest(), cancellationToken).ConfigureAwait(false);
            infos = targets.TargetInfos.ToDictionary(t => t.TargetId, StringComparer.Ordinal);
        }
        catch (CdpException)
        {
            infos = [];
        }

        var tabs = new List<TabInfo>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var info = infos.GetValueOrDefault(page.TargetId);
            tabs.Add(new TabInfo(i, page.TargetId, page.Url, info?.Title ?? string.Empty, page == active));
        }

        return tabs;
    }

    /// <summary>Per session: what the last capture saw, to decide whether the version moves.</summary>
    private sealed class VersionTracker
    {
        private readonly Lock _sync = new();
        private string? _last;
        private long _version;

        public long Next(string targetId, string documentId, string url, long mutations)
        {
            var signature = string.Create(CultureInfo.InvariantCulture, $"{targetId}|{documentId}|{mutations}|{url}");
            lock (_sync)
            {
                if (signature != _last)
                {
                    _last = signature;
                    _version++;
                }

                return _version;
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "State of {TargetId}: {Elements} elements, {Chars} chars in {Milliseconds:0.0} ms")]
    private static partial void LogCaptured(ILogger logger, string targetId, int elements, int chars, double milliseconds);

    [LoggerMessage(EventId = 403, Level = LogLevel.Trace, Message = "State of {TargetId}: script {ScriptMs} ms, round trip {RoundTripMs:0.0} ms, then {RestMs:0.0} ms")]
    private static partial void LogPhases(ILogger logger, string targetId, double scriptMs, double roundTripMs, double restMs);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Capturing the state of {TargetId} failed")]
    private static partial void LogCaptureFailed(ILogger logger, string targetId, Exception exception);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "The page-state script failed on {TargetId}: {Error}")]
    private static partial void LogScriptError(ILogger logger, string targetId, string error);
}
