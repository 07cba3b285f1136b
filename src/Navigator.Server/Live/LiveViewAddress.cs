using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Navigator.Tools.Live;

namespace Navigator.Server.Live;

/// <summary>Once Kestrel bound its addresses, tells <see cref="LiveViewLinks"/> the first one (for live view URLs when no public address is configured).</summary>
public sealed class LiveViewAddress(IServer server, LiveViewLinks links) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
        {
            links.SetListenAddress(address);
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
}
