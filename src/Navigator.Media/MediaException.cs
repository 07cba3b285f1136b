namespace Navigator.Media;

/// <summary>A media operation failed with one of <see cref="MediaErrorCodes"/>.</summary>
public sealed class MediaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>Creates an exception without a code (for serializers and analyzers).</summary>
    public MediaException()
        : this(MediaErrorCodes.RecordingFailed, "A media operation failed")
    {
    }

    /// <summary>Creates an exception without a code (for serializers and analyzers).</summary>
    public MediaException(string message)
        : this(MediaErrorCodes.RecordingFailed, message)
    {
    }

    /// <summary>Creates an exception without a code (for serializers and analyzers).</summary>
    public MediaException(string message, Exception innerException)
        : this(MediaErrorCodes.RecordingFailed, message, innerException)
    {
    }

    /// <summary>One of <see cref="MediaErrorCodes"/>.</summary>
    public string Code { get; }
}
