namespace Navigator.Tools.Sessions;

/// <summary>
/// A room component that may refuse the agent's actions for a while (e.g. while a person has
/// control in the live view). Asked in the room's queue right before each action runs.
/// </summary>
public interface IRoomActionGate
{
    /// <summary>Throws a <see cref="NavigatorToolException"/> saying why when the agent may not act now.</summary>
    void EnsureAgentMayAct(string roomName);
}
