namespace Navigator.Cdp.Protocol;

/// <summary>
/// A CDP command whose result deserialises to <typeparamref name="TResponse"/>.
/// The method name is an explicit interface member so a command parameter called
/// "method" (Fetch.continueRequest has one) never collides with it.
/// </summary>
public interface ICdpCommand<TResponse>
    where TResponse : class
{
    /// <summary>The protocol method, e.g. <c>Page.navigate</c>.</summary>
    string CdpMethod { get; }
}
