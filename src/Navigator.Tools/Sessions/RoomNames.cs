using System.Text.RegularExpressions;

namespace Navigator.Tools.Sessions;

/// <summary>Rules for room names: they key sessions and appear in URL paths.</summary>
public static partial class RoomNames
{
    /// <summary>Longest accepted room name.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="roomName"/> is acceptable.</summary>
    public static bool IsValid(string? roomName) =>
        !string.IsNullOrEmpty(roomName) && roomName.Length <= MaxLength && Pattern().IsMatch(roomName);

    /// <summary>Throws a <c>missing_parameter</c>/<c>invalid_parameter</c> tool error unless the name is acceptable.</summary>
    public static string Validate(string? roomName)
    {
        if (string.IsNullOrWhiteSpace(roomName))
        {
            throw new NavigatorToolException(ToolErrorCodes.MissingParameter, "room_name is required");
        }

        if (roomName.Length > MaxLength)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"room_name is {roomName.Length} characters long; at most {MaxLength} are allowed");
        }

        if (!Pattern().IsMatch(roomName))
        {
            throw new NavigatorToolException(
                ToolErrorCodes.InvalidParameter,
                "room_name may contain letters, digits and . _ - : @ and must start with a letter or digit");
        }

        return roomName;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._:@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
