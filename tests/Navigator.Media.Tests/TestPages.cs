using Navigator.Testing;

namespace Navigator.Media.Tests;

/// <summary>Solid-colour pages; a click anywhere on one with a <c>next</c> goes there.</summary>
internal static class TestPages
{
    public static readonly (int R, int G, int B) Red = (220, 30, 30);
    public static readonly (int R, int G, int B) Green = (30, 180, 60);
    public static readonly (int R, int G, int B) Blue = (30, 60, 220);

    public static string Solid(TestWebServer server, string path, (int R, int G, int B) colour, string? next = null)
    {
        var click = next is null ? string.Empty : $" onclick=\"location.href='{next}'\"";
        server.MapHtml(path, $"<!doctype html><html><head><style>html,body{{margin:0;height:100%;background:rgb({colour.R},{colour.G},{colour.B})}}</style></head><body{click}></body></html>");
        return server.Url(path);
    }

    /// <summary>A page that repaints continuously, so the screencast always has new frames.</summary>
    public static string Animated(TestWebServer server, string path)
    {
        server.MapHtml(path, """
            <!doctype html><html><head><style>
            html,body{margin:0;height:100%;background:#fff}
            #box{width:80px;height:80px;background:#c00;animation:spin 0.5s linear infinite}
            @keyframes spin{from{transform:translateX(0) rotate(0)}to{transform:translateX(200px) rotate(360deg)}}
            </style></head><body><div id="box"></div></body></html>
            """);
        return server.Url(path);
    }
}
