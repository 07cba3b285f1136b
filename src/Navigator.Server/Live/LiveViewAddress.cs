using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Navigator.Tools.Live;

namespace Navigator.Server.Live;

/// <summary>Once Kestrel bound its addresses, tells <see cref="LiveViewLinks"/> the first one (for live view URLs when no public address is configured).</summary>
public sealed class LiveViewAddress(IServer server, IHostApplicationLifetime lifetime, LiveViewLinks links) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
            {
                links.SetListenAddress(address);
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
