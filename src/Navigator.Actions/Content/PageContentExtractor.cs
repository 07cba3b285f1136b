using System.Globalization;
using Navigator.Actions.State;
using Navigator.Browser;

namespace Navigator.Actions.Content;

/// <summary>
/// The page's visible content as clean text or Markdown (headings, lists, links, tables), for the
/// <c>extract</c> action. Runs in Navigator's isolated world, so page scripts cannot interfere.
/// </summary>
public sealed class PageContentExtractor
{
    private readonly ContentExtractionOptions _defaults;

    /// <summary>Creates an extractor; <paramref name="defaults"/> apply to the format-only overload.</summary>
    public PageContentExtractor(ContentExtractionOptions? defaults = null) => _defaults = defaults ?? new ContentExtractionOptions();

    /// <summary>Extracts the page's content in <paramref name="format"/>.</summary>
    public Task<string> ExtractAsync(BrowserPage page, ContentFormat format, CancellationToken cancellationToken = default) =>
        ExtractAsync(page, _defaults with { Format = format }, cancellationToken);

    /// <summary>Extracts the page's content with explicit options (null: the defaults).</summary>
    public async Task<string> ExtractAsync(BrowserPage page, ContentExtractionOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        options ??= _defaults;
        if (!Enum.IsDefined(options.Format))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Format, "Unknown content format");
        }

        await page.Ready.ConfigureAwait(false);
        var world = IsolatedWorld.For(page);
        var expression = string.Create(CultureInfo.InvariantCulture,
            $"__navigatorContent.extract('{(options.Format == ContentFormat.Markdown ? "markdown" : "text")}', {(options.MainContentOnly ? "true" : "false")})");
        var response = await world.EvaluateAsync(expression, null, returnByValue: true, null, cancellationToken).ConfigureAwait(false);
        if (response.ExceptionDetails is { } error)
        {
            throw new BrowserException($"Extracting the page content failed: {error.Exception?.Description ?? error.Text}");
        }

        var text = response.Result.Value?.GetString() ?? string.Empty;
        if (options.MaxLength > 0 && text.Length > options.MaxLength)
        {
            text = string.Concat(text.AsSpan(0, options.MaxLength), "\n[content truncated]");
        }

        return text;
    }
}
