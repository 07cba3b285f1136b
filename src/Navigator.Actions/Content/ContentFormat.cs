namespace Navigator.Actions.Content;

/// <summary>Output format of <see cref="PageContentExtractor"/>.</summary>
public enum ContentFormat
{
    /// <summary>Plain text: paragraphs, list items and table rows on their own lines.</summary>
    Text,

    /// <summary>Markdown: headings, lists, links, tables, emphasis, code.</summary>
    Markdown,
}

/// <summary>Options for <see cref="PageContentExtractor"/>.</summary>
public sealed record ContentExtractionOptions
{
    /// <summary>Text or Markdown.</summary>
    public ContentFormat Format { get; init; } = ContentFormat.Markdown;

    /// <summary>Only the main content (<c>main</c>, <c>[role=main]</c> or <c>article</c>) when the page marks it.</summary>
    public bool MainContentOnly { get; init; }

    /// <summary>Maximum characters returned; longer content is cut with a marker (0 = unlimited).</summary>
    public int MaxLength { get; init; } = 200_000;
}
