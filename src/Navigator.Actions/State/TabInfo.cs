namespace Navigator.Actions.State;

/// <summary>An open tab of the session.</summary>
public sealed record TabInfo(int Index, string TargetId, string Url, string Title, bool Active);
