using Navigator.Vision.Ocr;

namespace Navigator.Vision.Models;

/// <summary>
/// Screen analysis settings (configuration section <c>Vision</c>; environment
/// <c>NAVIGATOR_VISION__PROVIDER</c>, <c>NAVIGATOR_VISION__MODEL</c>, ...). With no provider,
/// analysis is offline (OCR).
/// </summary>
public sealed class VisionOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Vision";

    /// <summary>
    /// <c>none</c> (default: offline OCR only), <c>openai</c> (OpenAI or any OpenAI-compatible
    /// endpoint: Azure OpenAI's v1 endpoint, Ollama, vLLM, LM Studio; set <see cref="Endpoint"/>)
    /// or <c>anthropic</c>.
    /// </summary>
    public string Provider { get; set; } = VisionProviders.None;

    /// <summary>Base URL of the API, e.g. <c>http://127.0.0.1:11434/v1</c> for Ollama; null for the provider's own.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model, e.g. <c>gpt-4o-mini</c>, <c>claude-sonnet-4-5</c>, <c>llava</c>.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The API key; when empty, <c>OPENAI_API_KEY</c> or <c>ANTHROPIC_API_KEY</c> from the
    /// environment. Required for the providers' own endpoints, optional for a custom <see cref="Endpoint"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one analysis may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most tokens the model may answer with.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>JPEG quality of the screenshot sent to the model (1-100).</summary>
    public int JpegQuality { get; set; } = 75;

    /// <summary>Most indexed elements listed to the model (on-screen ones first).</summary>
    public int MaxElements { get; set; } = 300;

    /// <summary>The offline recognizer's settings.</summary>
    public OcrOptions Ocr { get; set; } = new();

    /// <summary>True when a model provider is named.</summary>
    public bool ModelConfigured => !string.Equals(Provider?.Trim(), VisionProviders.None, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(Provider);

    /// <summary>The key to use: <see cref="ApiKey"/>, else the provider's environment variable.</summary>
    public string? EffectiveApiKey => !string.IsNullOrWhiteSpace(ApiKey) ? ApiKey : VisionProviders.Normalize(Provider) switch
    {
        VisionProviders.OpenAI => Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
        VisionProviders.Anthropic => Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"),
        _ => null,
    };

    /// <summary>What is wrong with the model settings, or null when they can work (or no model is configured).</summary>
    public string? ModelProblem()
    {
        if (!ModelConfigured)
        {
            return null;
        }

        var provider = VisionProviders.Normalize(Provider);
        if (provider is not (VisionProviders.OpenAI or VisionProviders.Anthropic))
        {
            return $"Vision:Provider '{Provider}' is unknown; use none, openai (also for Azure OpenAI, Ollama, vLLM, LM Studio with Vision:Endpoint) or anthropic";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            return $"Vision:Model is required for provider {provider} (e.g. {(provider == VisionProviders.OpenAI ? "gpt-4o-mini" : "claude-sonnet-4-5")})";
        }

        if (Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            return $"Vision:Endpoint must be an absolute http(s) URL (got '{endpoint}')";
        }

        if (Endpoint is null && string.IsNullOrWhiteSpace(EffectiveApiKey))
        {
            return provider == VisionProviders.OpenAI
                ? "Vision:ApiKey (or OPENAI_API_KEY) is required for OpenAI; a custom Vision:Endpoint such as a local Ollama needs none"
                : "Vision:ApiKey (or ANTHROPIC_API_KEY) is required for Anthropic";
        }

        if (Timeout <= TimeSpan.Zero || MaxOutputTokens < 16 || JpegQuality is < 1 or > 100 || MaxElements < 0)
        {
            return "Vision:Timeout must be positive, Vision:MaxOutputTokens at least 16, Vision:JpegQuality 1 to 100 and Vision:MaxElements 0 or more";
        }

        return null;
    }
}

/// <summary>Model provider names.</summary>
public static class VisionProviders
{
    /// <summary>No model: offline OCR only.</summary>
    public const string None = "none";

    /// <summary>OpenAI and OpenAI-compatible endpoints.</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic's Messages API.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Lower case, trimmed, with common spellings folded (azure_openai, ollama, vllm, lmstudio are OpenAI-compatible).</summary>
    public static string Normalize(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" => None,
        "openai" or "open_ai" or "azure" or "azure_openai" or "azureopenai" or "ollama" or "vllm" or "lmstudio" or "lm_studio" or "openai_compatible" => OpenAI,
        "anthropic" or "claude" => Anthropic,
        var other => other,
    };
}
