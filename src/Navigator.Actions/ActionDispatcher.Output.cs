using Navigator.Actions.Commands;
using Navigator.Actions.Content;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Output actions: screenshot, extract.</summary>
public sealed partial class ActionDispatcher
{
    private async Task<ActionResult> ScreenshotAsync(ScreenshotCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        if (command.Marks)
        {
            return await MarkedScreenshotAsync(command, page, cancellationToken);
        }

        var cdp = page.Page.Cdp;
        PageViewport? clip = null;
        if (command.FullPage)
        {
            var metrics = await cdp.SendAsync(new PageGetLayoutMetricsRequest(), cancellationToken);
            var size = metrics.CssContentSize;
            clip = new PageViewport
            {
                X = 0,
                Y = 0,
                Width = Math.Ceiling(size.Width),
                Height = Math.Min(Math.Ceiling(size.Height), Options.MaxScreenshotHeight),
                Scale = 1,
            };
        }

        var jpeg = command.Format == ScreenshotFormats.Jpeg;

        // The title query runs beside the capture; optimizeForSpeed picks the faster encoder
        // settings, which matters more to a live agent than a few percent of file size.
        var title = TitleOrNullAsync(page.Page, cancellationToken);
        var shot = await cdp.SendAsync(new PageCaptureScreenshotRequest
        {
            Format = command.Format,
            Quality = jpeg ? command.Quality ?? 80 : null,
            Clip = clip,
            CaptureBeyondViewport = command.FullPage,
            OptimizeForSpeed = true,
        }, cancellationToken);
        return new ActionResult
        {
            ActionType = ActionTypes.Screenshot,
            Success = true,
            Url = page.Page.Url,
            Title = await title,
            ScreenshotBase64 = shot.Data,
            ScreenshotMimeType = jpeg ? "image/jpeg" : "image/png",
        };
    }

    private async Task<ActionResult> ExtractAsync(ExtractCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var format = command.Format == ExtractFormats.Text ? ContentFormat.Text : ContentFormat.Markdown;
        string content;
        try
        {
            content = await _extractor.ExtractAsync(page.Page, format, cancellationToken);
        }
        catch (CdpProtocolException ex)
        {
            throw new ActionException(ActionErrorCodes.ScriptError, $"The page's content could not be read (it may be navigating): {ex.ProtocolMessage}");
        }

        return new ActionResult
        {
            ActionType = ActionTypes.Extract,
            Success = true,
            Url = page.Page.Url,
            Title = await TitleOrNullAsync(page.Page, cancellationToken),
            Content = content,
        };
    }
}
