using Navigator.Testing;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>Pages the voice-agent flows use.</summary>
public static class TestPages
{
    /// <summary>A search form: typing into the box and clicking Search navigates to /flow/result?q=....</summary>
    public static string MapSearchFlow(this TestWebServer pages, string prefix)
    {
        pages.MapHtml($"/{prefix}/form", $$"""
            <html><head><title>Search form</title></head><body>
            <h1>Find something</h1>
            <form action="/{{prefix}}/result" method="get">
              <label for="q">Query</label> <input id="q" name="q" type="text">
              <button id="go" type="submit">Search</button>
            </form>
            <a href="/{{prefix}}/other">Other page</a>
            </body></html>
            """);
        pages.Map($"/{prefix}/result", context =>
        {
            var q = System.Net.WebUtility.HtmlEncode(context.Request.Query["q"].ToString());
            context.Response.ContentType = "text/html; charset=utf-8";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(
                context.Response, $"<html><head><title>Results for {q}</title></head><body><p id=r>You searched for {q}</p></body></html>");
        });
        pages.MapHtml($"/{prefix}/other", "<html><head><title>Other page</title></head><body>other</body></html>");
        return pages.Url($"/{prefix}/form");
    }
}
