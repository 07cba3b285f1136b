using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Live;

/// <summary>Registers the live view's services.</summary>
public static class LiveViewServiceCollectionExtensions
{
    /// <summary>
    /// Gives every room a <see cref="RoomControl"/> (human takeover) and adds <see cref="LiveViewService"/>
    /// and <see cref="LiveViewLinks"/>; options from <see cref="LiveViewOptions"/> (section <c>LiveView</c>),
    /// validated at startup. Video needs <c>AddNavigatorMedia</c> too.
    /// </summary>
    public static IServiceCollection AddNavigatorLiveView(this IServiceCollection services)
    {
        services.AddOptions<LiveViewOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveViewOptions>, LiveViewOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveViewLinks>();
        services.TryAddSingleton<LiveViewService>();
        services.TryAddSingleton(sp => new RoomControlFactory(
            sp.GetRequiredService<IRoomEventBroadcaster>(),
            sp.GetRequiredService<IOptions<LiveViewOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoomComponentFactory, RoomControlFactory>(sp => sp.GetRequiredService<RoomControlFactory>()));
        return services;
    }
}

/// <summary>Fails startup with <see cref="LiveViewOptions.Validate"/>'s message.</summary>
internal sealed class LiveViewOptionsValidator : IValidateOptions<LiveViewOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveViewOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
