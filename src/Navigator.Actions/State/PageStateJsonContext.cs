using System.Text.Json.Serialization;

namespace Navigator.Actions.State;

/// <summary>Source-generated JSON for the few values the state code serialises.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class PageStateJsonContext : JsonSerializerContext;
