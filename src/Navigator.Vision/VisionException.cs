namespace Navigator.Vision;

/// <summary>A screen analysis that could not be done, with one of <see cref="VisionErrorCodes"/>.</summary>
public sealed class VisionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VisionException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>One of <see cref="VisionErrorCodes"/>.</summary>
    public string Code { get; }
}

/// <summary>Error codes of screen analysis (snake_case, stable).</summary>
public static class VisionErrorCodes
{
    /// <summary>Tesseract or its language data is not installed.</summary>
    public const string OcrUnavailable = "ocr_unavailable";

    /// <summary>Tesseract failed on the image.</summary>
    public const string OcrFailed = "ocr_failed";

    /// <summary>The screenshot is not an image Tesseract reads.</summary>
    public const string InvalidImage = "invalid_image";

    /// <summary>The vision model settings are wrong (unknown provider, missing key or model, bad endpoint).</summary>
    public const string ConfigurationInvalid = "vision_config_invalid";

    /// <summary>A model was asked for but none is configured.</summary>
    public const string ModelNotConfigured = "vision_model_not_configured";

    /// <summary>The model endpoint failed or could not be reached.</summary>
    public const string ModelFailed = "vision_model_failed";

    /// <summary>The model answered with something that is not the JSON asked for.</summary>
    public const string ModelBadOutput = "vision_model_bad_output";
}
