using Navigator.Actions.State;
using Navigator.Actions.Vision;

namespace Navigator.Actions.Correction;

/// <summary>
/// Asks a screen analyzer (offline OCR or a vision model) where something is, for self-correction
/// when the page state no longer shows the element an action was meant for. Implemented by
/// Navigator.Vision.
/// </summary>
public interface IScreenTargetFinder
{
    /// <summary>
    /// Places on <paramref name="screen"/> that show <paramref name="wanted"/> (best first); element
    /// indices refer to <paramref name="elements"/>. Throws <see cref="ActionException"/> when the
    /// analyzer cannot run.
    /// </summary>
    Task<IReadOnlyList<ScreenTargetHint>> FindAsync(ScreenCapture screen, IReadOnlyList<InteractiveElement> elements, string wanted, CancellationToken cancellationToken);
}

/// <summary>Where an analyzer sees the wanted thing: an element index and/or a viewport point, with its confidence (0 to 1).</summary>
public sealed record ScreenTargetHint(int? Index, ActionPoint? Point, double Confidence, string? Text, string Analyzer);
