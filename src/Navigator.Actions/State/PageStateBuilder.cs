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
/// visible text in reading order with indexed interactive elements; backend node ids of elements
/// not seen before come back through CDP deep serialization, then are cached page-side so a
/// repeated capture of a large page costs one round trip.
/// </summary>
public sealed partial class PageStateBuilder
{
    internal const string ObjectGroup = "navigator-state";
    private const char Slot = '\u0001';

    // Version bookkeeping per session, shared by every builder so two builders agree.
    private static readonly ConditionalWeakTable<BrowserSession, VersionTracker> Versions = new();

    internal static readonly RuntimeSerializationOptions DeepNodes = new()
    {
        Serialization = "deep",
        MaxDepth = 1,
        AdditionalParameters = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["maxNodeDepth"] = 0, ["includeShadowTree"] = "none" }),
    };

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
        await FrameStateMerger.TagChildFramesAsync(world, cancellationToken).ConfigureAwait(false);
        if (options.DetectClickListeners)
        {
            await ClickListenerScanner.RefreshAsync(world, cancellationToken).ConfigureAwait(false);
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

        // Backend ids of elements seen for the first time come from CDP's deep serialization
        // (one call for all of them) and are cached here by index, so a repeat capture skips this.
        var (fresh, learned) = await LearnFreshNodesAsync(world, root, cancellationToken).ConfigureAwait(false);

        var elements = ReadElements(root.GetProperty("elements"), fresh, world.Nodes);
        var text = RenderText(root.GetProperty("lines"), elements.ByPosition);
        (var list, text) = await FrameStateMerger.MergeAsync(world, root, elements.List, text, arguments, options.DetectClickListeners, cancellationToken).ConfigureAwait(false);
        var zones = root.GetProperty("zones");
        var summary = options.Mode == PageStateMode.Viewport ? Summarise(zones) : null;
        var url = root.GetProperty("url").GetString() ?? page.Url;
        var mutations = root.GetProperty("mutations").GetInt64();
        LogPhases(_logger, page.TargetId, root.GetProperty("took").GetDouble(), Stopwatch.GetElapsedTime(started, evaluated).TotalMilliseconds, Stopwatch.GetElapsedTime(evaluated).TotalMilliseconds, fresh.Count);
        var version = Versions.GetValue(session, static _ => new VersionTracker()).Next(page.TargetId, root.GetProperty("documentId").GetString() ?? string.Empty, url, mutations);

        try
        {
            await learned.ConfigureAwait(false);
        }
        catch (CdpException ex)
        {
            // The ids are re-resolved next time; the snapshot itself is complete.
            LogCaptureFailed(_logger, page.TargetId, ex);
        }

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

    /// <summary>
    /// Resets the world's node cache when the capture saw another document, and resolves the
    /// backend ids of the elements it saw for the first time. The returned task (telling the agent
    /// which ids the host now knows, and releasing the serialized nodes) may be awaited later.
    /// </summary>
    internal static async Task<(List<(int BackendNodeId, string? FrameId)> Fresh, Task Learned)> LearnFreshNodesAsync(IsolatedWorld world, JsonElement root, CancellationToken cancellationToken)
    {
        var documentId = root.GetProperty("documentId").GetString() ?? string.Empty;
        if (world.NodeDocumentId != documentId)
        {
            world.Nodes.Clear();
            world.NodeDocumentId = documentId;
        }

        if (root.GetProperty("fresh").GetInt32() == 0)
        {
            return ([], Task.CompletedTask);
        }

        var nodes = await world.EvaluateAsync("__navigatorState.pendingNodes()", DeepNodes, returnByValue: false, ObjectGroup, cancellationToken).ConfigureAwait(false);
        var fresh = await ResolveFreshNodesAsync(world, nodes.Result.DeepSerializedValue?.Value ?? default, cancellationToken).ConfigureAwait(false);
        var learned = world.EvaluateAsync(string.Create(CultureInfo.InvariantCulture, $"__navigatorState.learn({(fresh.TrueForAll(f => f.BackendNodeId > 0) ? fresh.Count : 0)})"), null, returnByValue: true, null, cancellationToken);
        var release = world.SendAsync(new RuntimeReleaseObjectGroupRequest { ObjectGroup = ObjectGroup }, cancellationToken);
        return (fresh, Task.WhenAll(learned, release));
    }

    private static async Task<List<(int BackendNodeId, string? FrameId)>> ResolveFreshNodesAsync(IsolatedWorld world, JsonElement nodes, CancellationToken cancellationToken)
    {
        var result = new List<(int, string?)>();
        if (nodes.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var loaders = new List<string?>();
        foreach (var node in nodes.EnumerateArray())
        {
            var value = node.TryGetProperty("value", out var v) ? v : default;
            var backendId = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("backendNodeId", out var id) ? id.GetInt32() : 0;
            var loader = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("loaderId", out var l) ? l.GetString() : null;
            result.Add((backendId, null));
            loaders.Add(loader);
        }

        // Elements of child frames: map their document's loader to the frame id.
        Dictionary<string, string>? frames = null;
        for (var i = 0; i < loaders.Count; i++)
        {
            if (loaders[i] is not { } loader)
            {
                continue;
            }

            if (frames is null)
            {
                frames = new Dictionary<string, string>(StringComparer.Ordinal);
                var tree = await world.GetFrameTreeAsync(cancellationToken).ConfigureAwait(false);
                AddFrames(tree, frames, isMain: true);
            }

            if (frames.TryGetValue(loader, out var frameId))
            {
                result[i] = (result[i].Item1, frameId);
            }
        }

        return result;
    }

    private static void AddFrames(PageFrameTree tree, Dictionary<string, string> frames, bool isMain)
    {
        if (!isMain)
        {
            frames[tree.Frame.LoaderId] = tree.Frame.Id;
        }

        foreach (var child in tree.ChildFrames ?? [])
        {
            AddFrames(child, frames, isMain: false);
        }
    }

    internal static (List<InteractiveElement> List, InteractiveElement?[] ByPosition) ReadElements(JsonElement items, List<(int BackendNodeId, string? FrameId)> fresh, Dictionary<int, (int BackendNodeId, string? FrameId)> known)
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
            var extra = item.GetArrayLength() > 11 ? ReadExtra(item[11]) : ElementExtra.None;
            (int BackendNodeId, string? FrameId) node;
            if (extra.FreshSlot >= 0 && extra.FreshSlot < fresh.Count)
            {
                node = fresh[extra.FreshSlot];
                if (node.BackendNodeId > 0)
                {
                    known[index] = node;
                }
            }
            else
            {
                node = known.GetValueOrDefault(index);
            }

            var zone = item[10].GetString() ?? string.Empty;
            var element = new InteractiveElement
            {
                Index = index,
                BackendNodeId = node.BackendNodeId,
                FrameId = node.FrameId,
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
        var result = ElementExtra.None;
        if (extra.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var property in extra.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "n": result.FreshSlot = value.GetInt32(); break;
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
        /// <summary>No optional fields: known element (no fresh slot), nothing else set.</summary>
        public static readonly ElementExtra None = new() { FreshSlot = -1 };

        public int FreshSlot;
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

    [LoggerMessage(EventId = 403, Level = LogLevel.Trace, Message = "State of {TargetId}: script {ScriptMs} ms, round trip {RoundTripMs:0.0} ms, then {RestMs:0.0} ms ({Fresh} new backend ids)")]
    private static partial void LogPhases(ILogger logger, string targetId, double scriptMs, double roundTripMs, double restMs, int fresh);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Capturing the state of {TargetId} failed")]
    private static partial void LogCaptureFailed(ILogger logger, string targetId, Exception exception);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "The page-state script failed on {TargetId}: {Error}")]
    private static partial void LogScriptError(ILogger logger, string targetId, string error);
}
