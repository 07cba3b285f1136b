using System.Text.Json.Serialization;
using Navigator.Tools.Sessions;

namespace Navigator.Cluster;

/// <summary>Source-generated JSON of what the cluster keeps in Redis: rooms' rebuild records and node records.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RoomSessionState))]
[JsonSerializable(typeof(NodeRecord))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
