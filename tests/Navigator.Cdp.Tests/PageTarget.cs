using Navigator.Cdp.Protocol;

namespace Navigator.Cdp.Tests;

/// <summary>Creates a page target in its own context and attaches a flattened session to it.</summary>
internal sealed class PageTarget : IAsyncDisposable
{
    private readonly CdpConnection _connection;

    private PageTarget(CdpConnection connection, string contextId, string targetId, CdpSession session)
    {
        _connection = connection;
        ContextId = contextId;
        TargetId = targetId;
        Session = session;
    }

    public string ContextId { get; }

    public string TargetId { get; }

    public CdpSession Session { get; }

    public static async Task<PageTarget> CreateAsync(CdpConnection connection, string url = "about:blank")
    {
        var context = await connection.Browser.SendAsync(new TargetCreateBrowserContextRequest());
        var target = await connection.Browser.SendAsync(new TargetCreateTargetRequest { Url = url, BrowserContextId = context.BrowserContextId });
        var attached = await connection.Browser.SendAsync(new TargetAttachToTargetRequest { TargetId = target.TargetId, Flatten = true });
        return new PageTarget(connection, context.BrowserContextId, target.TargetId, connection.GetOrAddSession(attached.SessionId));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_connection.IsClosed)
        {
            await _connection.Browser.SendAsync(new TargetDisposeBrowserContextRequest { BrowserContextId = ContextId });
        }
    }
}
