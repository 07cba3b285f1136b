using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Navigator.Actions.Vision;
using Navigator.Vision.Models;

namespace Navigator.Vision;

/// <summary>Registers screen analysis.</summary>
public static class VisionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ScreenAnalysisService"/> (options from <see cref="IOptions{TOptions}"/> of
    /// <see cref="VisionOptions"/>), its OCR <see cref="IScreenTextLocator"/> for click_text and its
    /// <see cref="Navigator.Actions.Correction.IScreenTargetFinder"/> for self-correction.
    /// </summary>
    public static IServiceCollection AddNavigatorVision(this IServiceCollection services)
    {
        services.AddOptions<VisionOptions>();
        services.TryAddSingleton(sp => new ScreenAnalysisService(
            sp.GetRequiredService<IOptions<VisionOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<ScreenAnalysisService>().TextLocator);
        services.TryAddSingleton(sp => sp.GetRequiredService<ScreenAnalysisService>().TargetFinder);
        return services;
    }
}
