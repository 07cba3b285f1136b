using System.Collections.Concurrent;
using System.Net;

namespace Navigator.Server.Live;

/// <summary>The live view page's files, embedded in the assembly (Live/Assets).</summary>
internal static class LiveViewAssets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The page for <paramref name="roomName"/> (the name HTML-encoded into it).</summary>
    public static string Page(string roomName) => Read("live.html").Replace("{{room_name}}", WebUtility.HtmlEncode(roomName), StringComparison.Ordinal);

    /// <summary>An asset as a response that browsers may cache briefly.</summary>
    public static IResult Result(string name, string contentType) => Results.Text(Read(name), contentType + "; charset=utf-8");

    private static string Read(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(LiveViewAssets).Assembly.GetManifestResourceStream("Navigator.Server.Live.Assets." + n)
            ?? throw new InvalidOperationException($"The live view asset {n} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
