namespace Navigator.Tools.Events;

/// <summary>
/// <c>control_changed</c>: who drives the room's browser now. While <see cref="Holder"/> is
/// <c>human</c> a person in the live view or the LiveKit room has it and execute_action answers <c>human_in_control</c>.
/// </summary>
public sealed record ControlChangedEvent : RoomEvent
{
    /// <summary>The holder value while a person has control.</summary>
    public const string HumanHolder = "human";

    /// <summary>The holder value while the agent has control.</summary>
    public const string AgentHolder = "agent";

    /// <inheritdoc />
    public override string Type => RoomEventTypes.ControlChanged;

    /// <summary><c>human</c> or <c>agent</c>.</summary>
    public required string Holder { get; init; }

    /// <summary>Why: <c>taken</c>, <c>handed_back</c> or <c>viewer_left</c> (the person closed the live view or left the LiveKit room).</summary>
    public required string Reason { get; init; }
}

/// <summary><c>human_help_requested</c>: the agent asked a person to take over (request_human_help).</summary>
public sealed record HumanHelpRequestedEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.HumanHelpRequested;

    /// <summary>What the agent needs the person to do, in its words.</summary>
    public required string Reason { get; init; }

    /// <summary>Where the person opens the live view (absolute when the server knows its address, else the path).</summary>
    public required string LiveViewUrl { get; init; }
}
