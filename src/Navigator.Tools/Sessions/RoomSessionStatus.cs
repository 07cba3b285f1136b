namespace Navigator.Tools.Sessions;

/// <summary>Where a room's session is in its life (snake_case on the wire).</summary>
public enum RoomSessionStatus
{
    /// <summary>The browser context is being created.</summary>
    Starting,

    /// <summary>Ready for actions.</summary>
    Active,

    /// <summary>Video publishing is paused; actions still run.</summary>
    Paused,

    /// <summary>The browser or the page's renderer died; recover_browser_session rebuilds it.</summary>
    Crashed,

    /// <summary>The browser is being rebuilt from the room's state.</summary>
    Recovering,

    /// <summary>Closed; no further calls.</summary>
    Closed,
}
