using Microsoft.Extensions.Options;

namespace Navigator.Tools.Live;

/// <summary>
/// Where a room's live view is: the path on this server, and the URL people open (the configured
/// public address, else the address the server listens on once it started, else just the path).
/// </summary>
public sealed class LiveViewLinks(IOptions<LiveViewOptions> options)
{
    private string? _listenAddress;

    /// <summary>The path of the room's live view page.</summary>
    public static string PathOf(string roomName) => $"/rooms/{Uri.EscapeDataString(roomName)}/live";

    /// <summary>Tells the links where the server listens (the HTTP host calls this once it bound its addresses).</summary>
    public void SetListenAddress(string address) => Volatile.Write(ref _listenAddress, address.TrimEnd('/'));

    /// <summary>The URL of the room's live view (absolute when the server's address is known). The API key goes in <c>?access_token=</c>.</summary>
    public string UrlOf(string roomName)
    {
        var configured = options.Value.PublicBaseUrl;
        var baseUrl = string.IsNullOrEmpty(configured) ? Volatile.Read(ref _listenAddress) : configured.TrimEnd('/');
        return baseUrl + PathOf(roomName);
    }
}
