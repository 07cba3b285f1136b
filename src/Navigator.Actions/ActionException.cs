namespace Navigator.Actions;

/// <summary>
/// An action could not run; <see cref="Code"/> is one of <see cref="ActionErrorCodes"/> and the
/// message says what to do about it.
/// </summary>
public sealed class ActionException : Exception
{
    /// <summary>Creates an action error.</summary>
    public ActionException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates an action error with its cause.</summary>
    public ActionException(string code, string message, Exception? innerException)
        : base(message, innerException) => Code = code;

    /// <summary>One of <see cref="ActionErrorCodes"/>.</summary>
    public string Code { get; }
}
