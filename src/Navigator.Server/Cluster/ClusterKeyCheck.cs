using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Navigator.Cluster;

namespace Navigator.Server.Cluster;

/// <summary>The cluster key nodes send each other with forwarded requests (header <see cref="Header"/>), compared in constant time.</summary>
public sealed class ClusterKeyCheck
{
    /// <summary>The header carrying the cluster key.</summary>
    public const string Header = "X-Navigator-Cluster-Key";

    /// <summary>The header naming the node that forwarded a request.</summary>
    public const string ForwardedFrom = "X-Navigator-Forwarded-From";

    private readonly byte[]? _expectedHash;

    /// <summary>Creates the check from <see cref="ClusterOptions.Key"/>.</summary>
    public ClusterKeyCheck(IOptions<ClusterOptions> options)
    {
        Key = options.Value.IsClustered ? options.Value.Key : null;
        _expectedHash = Key is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(Key));
    }

    /// <summary>The key this node sends; null on a single node.</summary>
    public string? Key { get; }

    /// <summary>True when the request says it was forwarded by a node (whatever its key).</summary>
    public static bool IsForwarded(HttpContext context) => context.Request.Headers.ContainsKey(Header);

    /// <summary>True when the request carries this cluster's key.</summary>
    public bool Authorizes(HttpContext context)
    {
        if (_expectedHash is null || !context.Request.Headers.TryGetValue(Header, out var values) || values.Count != 1)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash);
    }
}

/// <summary>Lets requests forwarded by another node of the cluster in with the cluster key instead of the API key.</summary>
public sealed class ClusterKeyCredentials(ClusterKeyCheck check) : Auth.IRequestCredentials
{
    /// <inheritdoc />
    public bool AcceptsKeyInQuery(HttpContext context) => false;

    /// <inheritdoc />
    public bool Authorizes(HttpContext context) => check.Authorizes(context);
}
