using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Navigator.LiveKit.Tokens;

namespace Navigator.LiveKit.Tests;

/// <summary>Tokens minted here are checked the way a LiveKit server checks them (livekit-server-sdk's TokenVerifier).</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task A_minted_token_passes_livekit_server_sdk_with_a_room_join_and_screen_share_grant()
    {
        var token = new LiveKitTokenMinter("APIkey1", "a-secret-of-32-characters-at-least").MintPublisherToken("room-7", "navigator-browser", TimeSpan.FromHours(1));

        var claims = await VerifyAsync("APIkey1", "a-secret-of-32-characters-at-least", token);

        Assert.False(claims.TryGetProperty("error", out var error), error.ToString());
        Assert.Equal("APIkey1", claims.GetProperty("iss").GetString());
        Assert.Equal("navigator-browser", claims.GetProperty("sub").GetString());
        var video = claims.GetProperty("video");
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.Equal("room-7", video.GetProperty("room").GetString());
        Assert.True(video.GetProperty("canPublish").GetBoolean());
        Assert.Equal(["screen_share"], video.GetProperty("canPublishSources").EnumerateArray().Select(s => s.GetString()!));
        var lifetime = claims.GetProperty("exp").GetInt64() - claims.GetProperty("nbf").GetInt64();
        Assert.Equal(3600, lifetime);
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_is_refused()
    {
        var token = new LiveKitTokenMinter("APIkey1", "the-wrong-secret-of-32-characters!").MintPublisherToken("room-7", "navigator-browser", TimeSpan.FromHours(1));

        var claims = await VerifyAsync("APIkey1", "a-secret-of-32-characters-at-least", token);

        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", claims.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        var token = new LiveKitTokenMinter("APIkey1", "a-secret-of-32-characters-at-least", time).MintPublisherToken("room-7", "navigator-browser", TimeSpan.FromHours(1));

        var claims = await VerifyAsync("APIkey1", "a-secret-of-32-characters-at-least", token);

        Assert.Equal("ERR_JWT_EXPIRED", claims.GetProperty("error").GetString());
    }

    private static async Task<JsonElement> VerifyAsync(string key, string secret, string token)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = LiveKitDouble.ProjectDirectory };
        foreach (var argument in new[] { Path.Combine("double", "verify-token.mjs"), key, secret, token })
        {
            info.ArgumentList.Add(argument);
        }

        using var node = Process.Start(info)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"verify-token.mjs exited {node.ExitCode}: {errors}");
        return JsonDocument.Parse(output).RootElement;
    }
}
