namespace Navigator.Actions.Dispatch;

/// <summary>A JavaScript dialog waiting for an answer.</summary>
internal sealed record OpenDialog(string Type, string Message, string? DefaultPrompt, string Url, DateTimeOffset OpenedAt);
