using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Navigator.Cluster;
using Navigator.Tools.Live;

namespace Navigator.Server.Live;

/// <summary>
/// Short-lived tickets for one room's live view, which a browser keeps as a cookie instead of the
/// API key: <c>{expiry unix seconds}.{HMAC-SHA256 of room and expiry}</c>, signed with a key made at
/// startup (so a restart ends every ticket, and no ticket opens another room). In a cluster the key
/// is derived from the cluster key instead, so a ticket one node issued opens the room on any node
/// (the page and its socket may reach different nodes behind a load balancer).
/// </summary>
public sealed class LiveViewTickets(IOptions<LiveViewOptions> options, IOptions<ClusterOptions> cluster, TimeProvider time)
{
    /// <summary>The cookie a live view page keeps its ticket in.</summary>
    public const string CookieName = "navigator_live";

    private readonly byte[] _secret = cluster.Value is { IsClustered: true, Key: { } key }
        ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), "navigator live view tickets"u8)
        : RandomNumberGenerator.GetBytes(32);

    /// <summary>How long a ticket lasts.</summary>
    public TimeSpan Lifetime => options.Value.TicketLifetime;

    /// <summary>A ticket for <paramref name="roomName"/> valid for <see cref="Lifetime"/>.</summary>
    public string Issue(string roomName)
    {
        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        return expires.ToString(CultureInfo.InvariantCulture) + "." + Sign(roomName, expires);
    }

    /// <summary>True when <paramref name="ticket"/> was issued here (or, in a cluster, by any node) for <paramref name="roomName"/> and has not expired.</summary>
    public bool IsValid(string roomName, string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 128)
        {
            return false;
        }

        var dot = ticket.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(ticket.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires < time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(roomName, expires));
        var given = Encoding.ASCII.GetBytes(ticket[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private string Sign(string roomName, long expires)
    {
        var mac = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(roomName + "\n" + expires.ToString(CultureInfo.InvariantCulture)));
        return Base64Url.EncodeToString(mac);
    }
}
