using System.Text.Json;
using Navigator.Actions;
using Navigator.Actions.Commands;
using Navigator.Media.Cursor;

namespace Navigator.Tools.Media;

/// <summary>Turns what an action did into ghost-cursor movements (the video shows the agent's pointer).</summary>
internal static class ActionCursorExtensions
{
    /// <summary>Reports <paramref name="result"/> of an action run with <paramref name="parameters"/> to the cursor.</summary>
    public static void Report(this ICursorTrack cursor, ActionResult result, JsonElement parameters)
    {
        if (!result.Success)
        {
            return;
        }

        switch (result.ActionType)
        {
            case ActionTypes.Type or ActionTypes.SendKeys:
                if (result.ClickPoint is { } focus)
                {
                    cursor.Click(focus.X, focus.Y);
                }

                cursor.Type();
                return;
            case ActionTypes.Scroll:
                var up = parameters.TryGetProperty("direction", out var direction) && direction.ValueKind == JsonValueKind.String
                    && direction.GetString() is "up" or "left";
                cursor.Scroll(up ? -1 : 1);
                return;
        }

        if (result.ClickPoint is { } point)
        {
            if (result.ActionType == ActionTypes.Click)
            {
                cursor.Click(point.X, point.Y);
            }
            else
            {
                cursor.MoveTo(point.X, point.Y);
            }
        }
    }
}
