using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Navigator.Server.Hosting;

namespace Navigator.Server.Auth;

/// <summary>
/// Once Kestrel started, checks the addresses it actually bound (whatever configuration put them
/// there) and stops the server when any is beyond loopback and no API key is set. Until then the
/// API key middleware already refuses non-loopback connections.
/// </summary>
public sealed partial class ListenAddressGuard(IServer server, IOptions<NavigatorServerOptions> options, ILogger<ListenAddressGuard> logger) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.HasApiKey)
        {
            return Task.CompletedTask;
        }

        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = bound.Where(a => !ListenAddresses.IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            var refusal = InsecureBindingException.For(exposed);
            LogRefused(logger, refusal.Message);
            throw refusal;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1300, Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogRefused(ILogger logger, string message);
}
