namespace Navigator.LiveKit;

/// <summary>A LiveKit failure with one of <see cref="LiveKitErrorCodes"/>.</summary>
public sealed class LiveKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveKitException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>Creates an exception with the generic native error code.</summary>
    public LiveKitException() : this(LiveKitErrorCodes.NativeError, "LiveKit failed") { }

    /// <summary>Creates an exception with the generic native error code.</summary>
    public LiveKitException(string message) : this(LiveKitErrorCodes.NativeError, message) { }

    /// <summary>Creates an exception with the generic native error code.</summary>
    public LiveKitException(string message, Exception innerException) : this(LiveKitErrorCodes.NativeError, message, innerException) { }

    /// <summary>One of <see cref="LiveKitErrorCodes"/>.</summary>
    public string Code { get; }
}
