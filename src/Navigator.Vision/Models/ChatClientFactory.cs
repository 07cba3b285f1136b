using System.ClientModel;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Navigator.Vision.Models;

/// <summary>Builds the <see cref="IChatClient"/> of the configured provider.</summary>
internal static class ChatClientFactory
{
    /// <summary>The client; throws <see cref="VisionException"/> (vision_config_invalid) when the settings cannot work.</summary>
    public static IChatClient Create(VisionOptions options)
    {
        if (options.ModelProblem() is { } problem)
        {
            throw new VisionException(VisionErrorCodes.ConfigurationInvalid, problem);
        }

        var key = options.EffectiveApiKey;
        return VisionProviders.Normalize(options.Provider) switch
        {
            VisionProviders.OpenAI => new OpenAIClient(
                    // Local OpenAI-compatible servers take any key; the SDK insists on one.
                    new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? "unused" : key),
                    new OpenAIClientOptions { Endpoint = options.Endpoint, NetworkTimeout = options.Timeout })
                .GetChatClient(options.Model!)
                .AsIChatClient(),
            VisionProviders.Anthropic => new AnthropicClient
                {
                    ApiKey = key,
                    BaseUrl = options.Endpoint?.ToString().TrimEnd('/') ?? "https://api.anthropic.com",
                    Timeout = options.Timeout,
                }
                .AsIChatClient(options.Model!, options.MaxOutputTokens),
            _ => throw new VisionException(VisionErrorCodes.ConfigurationInvalid, $"Vision:Provider '{options.Provider}' is unknown"),
        };
    }
}
