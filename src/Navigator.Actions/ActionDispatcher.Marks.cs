using System.Globalization;
using System.Text;
using System.Text.Json;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Actions.Marks;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Set-of-marks screenshots: numbered boxes over the indexed elements.</summary>
public sealed partial class ActionDispatcher
{
    /// <summary>Draws <c>screenshot {marks: true}</c>'s boxes; null: the option answers <c>action_disabled</c>.</summary>
    public IScreenshotMarker? Marker { get; init; }

    /// <summary>
    /// Captures the page state (so the numbers are the indices actions take from now on), then
    /// the viewport, and draws each indexed element in view as a numbered box. The legend (one
    /// line per mark) comes as the result's content.
    /// </summary>
    private async Task<ActionResult> MarkedScreenshotAsync(ScreenshotCommand command, TrackedPage page, CancellationToken cancellationToken)
    {
        if (Marker is null || _capture is null)
        {
            throw new ActionException(ActionErrorCodes.ActionDisabled, "This server cannot draw marks on screenshots; take it without marks");
        }

        var snapshot = await CaptureAndRememberAsync(ct => _capture(Session, ct), cancellationToken);
        var jpeg = command.Format == ScreenshotFormats.Jpeg;
        var quality = command.Quality ?? 80;
        var title = TitleOrNullAsync(page.Page, cancellationToken);
        var shot = await page.Page.Cdp.SendAsync(new PageCaptureScreenshotRequest
        {
            Format = command.Format,
            Quality = jpeg ? quality : null,
            OptimizeForSpeed = true,
        }, cancellationToken);

        var marked = snapshot.Elements.Where(e => e.InViewport).ToList();
        var image = Marker.Mark(
            Convert.FromBase64String(shot.Data),
            [.. marked.Select(e => new ScreenshotMark(e.Index, e.Bounds))],
            snapshot.ViewportWidth,
            jpeg,
            quality);
        var legend = new StringBuilder();
        foreach (var element in marked)
        {
            legend.AppendLine(ActionDispatcherText.Label(element));
        }

        return new ActionResult
        {
            ActionType = ActionTypes.Screenshot,
            Success = true,
            Url = page.Page.Url,
            Title = await title,
            ScreenshotBase64 = Convert.ToBase64String(image),
            ScreenshotMimeType = jpeg ? "image/jpeg" : "image/png",
            Content = legend.ToString().TrimEnd(),
            Data = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"marks":{{marked.Count}}}""")).RootElement.Clone(),
        };
    }
}
