namespace Navigator.Vision.Tests;

/// <summary>Pages whose text exists only as pixels, and pages with DOM text.</summary>
internal static class TestPages
{
    /// <summary>
    /// A canvas at (100, 200) with "Place order" drawn at canvas (20, 30)-ish and "Apply coupon" at
    /// (220, 80)-ish; clicks on the canvas are recorded in <c>window.canvasClicks</c> (viewport points).
    /// </summary>
    public const string Canvas = """
        <html><head><title>Canvas shop</title></head><body style="margin:0;font-family:sans-serif">
        <h1 style="margin:10px">Checkout</h1>
        <canvas id="c" width="460" height="120" style="position:absolute;left:100px;top:200px"></canvas>
        <script>
          const c = document.getElementById('c');
          const x = c.getContext('2d');
          x.fillStyle = '#fff'; x.fillRect(0, 0, 460, 120);
          x.fillStyle = '#000'; x.font = '28px sans-serif';
          x.fillText('Place order', 20, 50);
          x.fillText('Apply coupon', 220, 100);
          window.canvasClicks = [];
          c.addEventListener('click', e => canvasClicks.push({ x: e.clientX, y: e.clientY }));
        </script></body></html>
        """;
}
