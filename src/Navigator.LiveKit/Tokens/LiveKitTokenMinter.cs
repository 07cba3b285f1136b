using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Navigator.LiveKit.Tokens;

/// <summary>
/// Mints LiveKit access tokens: HS256 JWTs signed with the API secret, issued by the API key, for
/// one identity, carrying a video grant to join one room and publish a screen share (and data).
/// </summary>
public sealed class LiveKitTokenMinter
{
    private static readonly byte[] s_header = Base64UrlBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
    private readonly byte[] _secret;
    private readonly string _apiKey;
    private readonly TimeProvider _time;

    /// <summary>Creates a minter for <paramref name="apiKey"/>/<paramref name="apiSecret"/>.</summary>
    public LiveKitTokenMinter(string apiKey, string apiSecret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        _apiKey = apiKey;
        _secret = Encoding.UTF8.GetBytes(apiSecret);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A token letting <paramref name="identity"/> join <paramref name="room"/> and publish a screen share, valid for <paramref name="lifetime"/>.</summary>
    public string MintPublisherToken(string room, string identity, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new LiveKitClaims
        {
            Issuer = _apiKey,
            Subject = identity,
            NotBefore = now,
            Expires = now + (long)lifetime.TotalSeconds,
            Video = new LiveKitVideoGrant
            {
                RoomJoin = true,
                Room = room,
                CanPublish = true,
                CanSubscribe = false,
                CanPublishData = true,
                CanPublishSources = ["screen_share"],
            },
        };
        var payload = Base64UrlBytes(JsonSerializer.SerializeToUtf8Bytes(claims, LiveKitTokenJsonContext.Default.LiveKitClaims));
        var signed = new byte[s_header.Length + 1 + payload.Length];
        s_header.CopyTo(signed, 0);
        signed[s_header.Length] = (byte)'.';
        payload.CopyTo(signed, s_header.Length + 1);
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(_secret, signed));
        return Encoding.ASCII.GetString(signed) + "." + signature;
    }

    private static byte[] Base64UrlBytes(ReadOnlySpan<byte> data) => Encoding.ASCII.GetBytes(Base64Url.EncodeToString(data));
}

/// <summary>The JWT claims LiveKit reads.</summary>
internal sealed record LiveKitClaims
{
    [JsonPropertyName("iss")]
    public required string Issuer { get; init; }

    [JsonPropertyName("sub")]
    public required string Subject { get; init; }

    [JsonPropertyName("nbf")]
    public required long NotBefore { get; init; }

    [JsonPropertyName("exp")]
    public required long Expires { get; init; }

    [JsonPropertyName("video")]
    public required LiveKitVideoGrant Video { get; init; }
}

/// <summary>LiveKit's video grant (camelCase on the wire).</summary>
internal sealed record LiveKitVideoGrant
{
    public bool RoomJoin { get; init; }

    public required string Room { get; init; }

    public bool CanPublish { get; init; }

    public bool CanSubscribe { get; init; }

    public bool CanPublishData { get; init; }

    public IReadOnlyList<string> CanPublishSources { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LiveKitClaims))]
internal sealed partial class LiveKitTokenJsonContext : JsonSerializerContext;
