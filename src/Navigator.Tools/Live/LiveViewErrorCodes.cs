namespace Navigator.Tools.Live;

/// <summary>Error codes of the live view and human takeover (snake_case, stable).</summary>
public static class LiveViewErrorCodes
{
    /// <summary>A person holds the room's browser in the live view; the agent must wait for control_changed holder agent.</summary>
    public const string HumanInControl = "human_in_control";

    /// <summary>Another person already has control of the room.</summary>
    public const string ControlHeld = "control_held";

    /// <summary>The viewer sent input or handed back without having control.</summary>
    public const string NotInControl = "not_in_control";

    /// <summary>The room has as many live view pages open as allowed.</summary>
    public const string TooManyViewers = "too_many_viewers";

    /// <summary>The server runs without video capture, so there is nothing to show.</summary>
    public const string LiveViewUnavailable = "live_view_unavailable";

    /// <summary>The server does not let LiveKit room participants take control (LiveKit:ParticipantControl is false).</summary>
    public const string ParticipantControlDisabled = "participant_control_disabled";

    /// <summary>A viewer's input did not reach the page (it is navigating, blocked by a dialog, or closed).</summary>
    public const string InputFailed = "input_failed";
}
