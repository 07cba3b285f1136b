using Microsoft.Extensions.Time.Testing;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Tests;

public sealed class UrlChangeCoalescerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void TheFirstChange_IsReportedAtOnce()
    {
        var time = new FakeTimeProvider();
        var reported = new List<string>();
        using var coalescer = new UrlChangeCoalescer(Window, time, reported.Add);

        coalescer.OnChanged("/a");

        Assert.Equal(["/a"], reported);
    }

    [Fact]
    public void ABurst_IsReportedOncePerWindow_WithItsLastValue()
    {
        var time = new FakeTimeProvider();
        var reported = new List<string>();
        using var coalescer = new UrlChangeCoalescer(Window, time, reported.Add);

        // 200 changes a second for one second, as a pushState flood every 5 ms.
        for (var i = 1; i <= 200; i++)
        {
            coalescer.OnChanged("/flood?n=" + i);
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        time.Advance(Window);

        Assert.InRange(reported.Count, 4, 6);
        Assert.Equal("/flood?n=1", reported[0]);
        Assert.Equal("/flood?n=200", reported[^1]);
    }

    [Fact]
    public void Flush_ReportsAHeldBackChangeAtOnce_AndOnlyOnce()
    {
        var time = new FakeTimeProvider();
        var reported = new List<string>();
        using var coalescer = new UrlChangeCoalescer(Window, time, reported.Add);

        coalescer.OnChanged("/result");
        coalescer.OnChanged("/other");
        Assert.Equal(["/result"], reported);

        coalescer.Flush();
        Assert.Equal(["/result", "/other"], reported);

        time.Advance(Window);
        coalescer.Flush();
        Assert.Equal(["/result", "/other"], reported);
    }

    [Fact]
    public void AfterAQuietWindow_TheNextChangeIsImmediateAgain()
    {
        var time = new FakeTimeProvider();
        var reported = new List<string>();
        using var coalescer = new UrlChangeCoalescer(Window, time, reported.Add);

        coalescer.OnChanged("/a");
        time.Advance(Window * 3);
        coalescer.OnChanged("/b");

        Assert.Equal(["/a", "/b"], reported);
    }

    [Fact]
    public void AZeroWindow_ReportsEveryChange()
    {
        var reported = new List<string>();
        using var coalescer = new UrlChangeCoalescer(TimeSpan.Zero, new FakeTimeProvider(), reported.Add);

        coalescer.OnChanged("/a");
        coalescer.OnChanged("/b");

        Assert.Equal(["/a", "/b"], reported);
    }
}
