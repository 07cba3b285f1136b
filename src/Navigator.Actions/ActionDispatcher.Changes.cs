using Microsoft.Extensions.Logging;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp;

namespace Navigator.Actions;

/// <summary>
/// What an action did to the elements of the page: when it changed the page without leaving it,
/// the page state is read again (in the mode the agent last read it) and compared with the last read.
/// </summary>
public sealed partial class ActionDispatcher
{
    /// <summary>
    /// Adds <see cref="ActionResult.Changes"/> to a successful action that changed the current
    /// document. The new read becomes the remembered state, so the reported indices can be used
    /// at once. A failed read leaves the result as it was: the action itself succeeded.
    /// </summary>
    private async Task<ActionResult> DescribeChangesAsync(ActionResult result, CancellationToken cancellationToken)
    {
        var builder = StateBuilder;
        var before = Volatile.Read(ref _state);
        if (!Options.ReportElementChanges || builder is null || before is null || !result.Success || !result.PageChanged || result.Navigated)
        {
            return result;
        }

        try
        {
            var page = await TrackAsync(Session.ActivePage, cancellationToken);
            if (page.Dialog is not null || page.Page.TargetId != before.TargetId || page.Documents != before.Documents)
            {
                return result;
            }

            var options = PageStateOptions.Default with { Mode = before.Snapshot.Mode, IncludeTabs = false };
            var after = await CaptureAndRememberAsync(ct => builder.CaptureAsync(Session, options, ct), cancellationToken);
            return result with { Changes = PageElementChanges.Between(before.Snapshot, after) };
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or ActionException)
        {
            LogChangesUnread(_logger, result.ActionType, ex);
            return result;
        }
    }

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Could not read the page after {ActionType} to report its changes")]
    private static partial void LogChangesUnread(ILogger logger, string actionType, Exception exception);
}
