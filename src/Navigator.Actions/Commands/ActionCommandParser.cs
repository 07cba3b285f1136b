using System.Text.Json;
using Navigator.Actions.Input;

namespace Navigator.Actions.Commands;

/// <summary>
/// Turns an action type and its JSON parameters (as an MCP client sends them) into a validated
/// <see cref="ActionCommand"/>. Parameter names are snake_case; see docs/actions.md.
/// </summary>
public static class ActionCommandParser
{
    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.Ordinal)
    {
        ["goto"] = ActionTypes.Navigate,
        ["go_to_url"] = ActionTypes.Navigate,
        ["open"] = ActionTypes.Navigate,
        ["input_text"] = ActionTypes.Type,
        ["fill"] = ActionTypes.Type,
        ["back"] = ActionTypes.GoBack,
        ["forward"] = ActionTypes.GoForward,
        ["reload"] = ActionTypes.Refresh,
        ["press"] = ActionTypes.SendKeys,
        ["press_key"] = ActionTypes.SendKeys,
        ["key"] = ActionTypes.SendKeys,
        ["keys"] = ActionTypes.SendKeys,
        ["select"] = ActionTypes.SelectOption,
        ["select_dropdown_option"] = ActionTypes.SelectOption,
        ["upload"] = ActionTypes.UploadFile,
        ["new_tab"] = ActionTypes.OpenTab,
        ["dialog"] = ActionTypes.HandleDialog,
        ["extract_content"] = ActionTypes.Extract,
        ["drag_and_drop"] = ActionTypes.Drag,
        ["eval"] = ActionTypes.Evaluate,
        ["evaluate_script"] = ActionTypes.Evaluate,
    };

    /// <summary>
    /// Parses and validates. Throws <see cref="ActionException"/> with
    /// <see cref="ActionErrorCodes.UnknownAction"/>, <see cref="ActionErrorCodes.MissingParameter"/> or
    /// <see cref="ActionErrorCodes.InvalidParameter"/>.
    /// </summary>
    public static ActionCommand Parse(string actionType, JsonElement parameters)
    {
        var type = NormalizeType(actionType);
        var p = new ParameterReader(type, parameters);
        ActionCommand command = type switch
        {
            ActionTypes.Navigate => new NavigateCommand
            {
                Url = NormalizeUrl(p.String("url") ?? throw Missing(type, "'url' is required")),
                NewTab = p.Bool("new_tab") ?? false,
                TimeoutMs = p.Int("timeout_ms"),
            },
            ActionTypes.Click => new ClickCommand
            {
                Index = p.Int("index"),
                Point = p.Point("x", "y"),
                Button = p.String("button") ?? MouseButtons.Left,
                ClickCount = p.Int("click_count") ?? 1,
            },
            ActionTypes.Type => new TypeCommand
            {
                Index = p.Int("index"),
                Text = p.String("text", "value") ?? throw Missing(type, "'text' is required"),
                Clear = p.Bool("clear") ?? true,
                PressEnter = p.Bool("press_enter", "submit") ?? false,
            },
            ActionTypes.Scroll => new ScrollCommand
            {
                Direction = p.String("direction")?.ToLowerInvariant(),
                Amount = p.Number("amount", "pixels"),
                Index = p.Int("index"),
            },
            ActionTypes.Wait => new WaitCommand
            {
                Seconds = p.Number("seconds"),
                Text = p.String("text"),
                Selector = p.String("selector"),
                Navigation = p.Bool("navigation") ?? false,
                TimeoutMs = p.Int("timeout_ms") ?? 10_000,
            },
            ActionTypes.GoBack => new GoBackCommand(),
            ActionTypes.GoForward => new GoForwardCommand(),
            ActionTypes.Refresh => new RefreshCommand(),
            ActionTypes.SendKeys => new SendKeysCommand
            {
                Keys = SplitKeys(p.Strings("keys", "key") ?? throw Missing(type, "'keys' is required, e.g. \"Enter\" or \"Control+A\"")),
                Index = p.Int("index"),
            },
            ActionTypes.SelectOption => new SelectOptionCommand
            {
                Index = p.Int("index") ?? throw Missing(type, "'index' of the select element is required"),
                Label = p.String("label", "text", "option"),
                Value = p.String("value"),
            },
            ActionTypes.Hover => new HoverCommand { Index = p.Int("index"), Point = p.Point("x", "y") },
            ActionTypes.Drag => new DragCommand
            {
                FromIndex = p.Int("from_index", "source_index"),
                FromPoint = p.Point("from_x", "from_y"),
                ToIndex = p.Int("to_index", "target_index"),
                ToPoint = p.Point("to_x", "to_y"),
                Steps = p.Int("steps") ?? 10,
                Mode = p.String("mode")?.ToLowerInvariant() ?? DragModes.Auto,
            },
            ActionTypes.UploadFile => new UploadFileCommand
            {
                Index = p.Int("index") ?? throw Missing(type, "'index' of the file input is required"),
                Paths = p.Strings("paths", "path", "files") ?? throw Missing(type, "'paths' is required"),
            },
            ActionTypes.SwitchTab => new SwitchTabCommand { TabIndex = p.Int("tab_index", "index"), TargetId = p.String("target_id", "tab_id") },
            ActionTypes.OpenTab => new OpenTabCommand { Url = p.String("url") is { } tabUrl ? NormalizeUrl(tabUrl) : null },
            ActionTypes.CloseTab => new CloseTabCommand { TabIndex = p.Int("tab_index", "index"), TargetId = p.String("target_id", "tab_id") },
            ActionTypes.HandleDialog => new HandleDialogCommand { Accept = p.Bool("accept") ?? true, PromptText = p.String("prompt_text", "text") },
            ActionTypes.Extract => new ExtractCommand { Format = p.String("format")?.ToLowerInvariant() ?? ExtractFormats.Markdown },
            ActionTypes.Screenshot => new ScreenshotCommand
            {
                FullPage = p.Bool("full_page") ?? false,
                Format = NormalizeImageFormat(p.String("format")),
                Quality = p.Int("quality"),
                Marks = p.Bool("marks") ?? false,
            },
            ActionTypes.Evaluate => new EvaluateCommand
            {
                Expression = p.String("expression", "function", "script") ?? throw Missing(type, "'expression' is required, e.g. \"document.title\" or \"() => [...document.links].length\""),
            },
            ActionTypes.ClickText => new ClickTextCommand { Text = p.String("text") ?? throw Missing(type, "'text' is required"), Exact = p.Bool("exact") ?? false },
            _ => throw new ActionException(ActionErrorCodes.UnknownAction,
                $"Unknown action type '{actionType}'. Known actions: {string.Join(", ", ActionTypes.All)}"),
        };
        if (p.String("self_correct") is { } selfCorrect)
        {
            command = command with
            {
                SelfCorrect = Correction.SelfCorrectionPolicies.Parse(selfCorrect) ?? throw new ActionException(ActionErrorCodes.InvalidParameter,
                    $"{type}: 'self_correct' must be one of {Correction.SelfCorrectionPolicies.Names} (got \"{(selfCorrect.Length > 20 ? selfCorrect[..20] : selfCorrect)}\")"),
            };
        }

        p.RejectUnknown();
        command.Validate();
        return command;
    }

    /// <summary>The canonical action type for <paramref name="actionType"/> (case, dashes and aliases forgiven).</summary>
    public static string NormalizeType(string? actionType)
    {
        if (string.IsNullOrWhiteSpace(actionType))
        {
            throw new ActionException(ActionErrorCodes.MissingParameter, $"The action type is required. Known actions: {string.Join(", ", ActionTypes.All)}");
        }

        var snake = ToSnakeCase(actionType.Trim());
        return TypeAliases.GetValueOrDefault(snake, snake);
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && name[i - 1] != '_' && !char.IsAsciiLetterUpper(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(c is '-' or ' ' ? '_' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    // Invalid URLs stay as given so validation can quote them.
    private static string NormalizeUrl(string url) => UrlNormalizer.Normalize(url) ?? url;

    private static List<string> SplitKeys(IReadOnlyList<string> keys) =>
        [.. keys.SelectMany(KeyChord.SplitSequence)];

    private static string NormalizeImageFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null => ScreenshotFormats.Png,
        "jpg" => ScreenshotFormats.Jpeg,
        var other => other,
    };

    private static ActionException Missing(string type, string message) => new(ActionErrorCodes.MissingParameter, $"{type}: {message}");
}
