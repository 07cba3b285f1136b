using Navigator.Actions.Commands;

namespace Navigator.Actions.Correction;

/// <summary>Which failures of which actions self-correction handles, and how a command is aimed at another element.</summary>
internal static class CorrectableCommands
{
    /// <summary>The element index an action acts on (null: it has none, or acts on a point).</summary>
    public static int? TargetIndex(ActionCommand command) => command switch
    {
        ClickCommand c => c.Index,
        TypeCommand c => c.Index,
        HoverCommand c => c.Index,
        SelectOptionCommand c => c.Index,
        ScrollCommand c => c.Index,
        SendKeysCommand c => c.Index,
        UploadFileCommand c => c.Index,
        _ => null,
    };

    /// <summary>The same action on element <paramref name="index"/>.</summary>
    public static ActionCommand WithIndex(ActionCommand command, int index) => command switch
    {
        ClickCommand c => c with { Index = index },
        TypeCommand c => c with { Index = index },
        HoverCommand c => c with { Index = index },
        SelectOptionCommand c => c with { Index = index },
        ScrollCommand c => c with { Index = index },
        SendKeysCommand c => c with { Index = index },
        UploadFileCommand c => c with { Index = index },
        _ => throw new InvalidOperationException($"{command.ActionType} has no element index"),
    };

    /// <summary>True when a failure with <paramref name="code"/> of <paramref name="command"/> is one self-correction can work on.</summary>
    public static bool Handles(ActionCommand command, string code) => code switch
    {
        ActionErrorCodes.ElementNotFound or ActionErrorCodes.StaleElement or ActionErrorCodes.ElementNotInteractable =>
            TargetIndex(command) is not null || (command is ClickTextCommand && code == ActionErrorCodes.ElementNotFound),
        ActionErrorCodes.ElementObscured => TargetIndex(command) is not null || command is ClickTextCommand,
        ActionErrorCodes.Timeout => command is NavigateCommand,
        _ => false,
    };
}
