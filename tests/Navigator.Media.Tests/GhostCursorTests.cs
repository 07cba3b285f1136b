using Microsoft.Extensions.Time.Testing;
using Navigator.Media.Cursor;

namespace Navigator.Media.Tests;

public sealed class GhostCursorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Is_hidden_until_the_agent_points_then_appears_in_place()
    {
        var cursor = new GhostCursor(_time);
        Assert.False(cursor.Sample(_time.GetTimestamp()).Visible);

        cursor.MoveTo(100, 50);
        var pose = cursor.Sample(_time.GetTimestamp());
        Assert.True(pose.Visible);
        Assert.Equal((100.0, 50.0), (pose.X, pose.Y));
    }

    [Fact]
    public void Moves_along_an_eased_path_within_150_to_300_ms()
    {
        var cursor = new GhostCursor(_time);
        cursor.MoveTo(0, 0);
        cursor.MoveTo(600, 0);

        var positions = new List<double>();
        for (var ms = 0; ms <= 300; ms += 30)
        {
            positions.Add(cursor.Sample(_time.GetTimestamp()).X);
            _time.Advance(TimeSpan.FromMilliseconds(30));
        }

        Assert.Equal(0, positions[0]);
        Assert.Equal(600, positions[^1]);
        Assert.True(positions.SequenceEqual(positions.Order()), "the path never goes back");

        // Eased: slow start and slow end, fast middle.
        var firstStep = positions[1] - positions[0];
        var middleStep = positions[4] - positions[3];
        Assert.True(middleStep > firstStep * 2, $"middle step {middleStep} vs first {firstStep}");
        Assert.InRange(positions.FindIndex(x => x == 600) * 30, 150, 300);
    }

    [Fact]
    public void A_click_ripples_once_the_arrow_arrives_then_fades()
    {
        var cursor = new GhostCursor(_time);
        cursor.MoveTo(0, 0);
        cursor.Click(300, 200);
        Assert.Null(cursor.Sample(_time.GetTimestamp()).Ripple);

        _time.Advance(GhostCursor.MaxMove);
        var arrived = cursor.Sample(_time.GetTimestamp());
        Assert.Equal((300.0, 200.0), (arrived.X, arrived.Y));
        Assert.NotNull(arrived.Ripple);

        _time.Advance(GhostCursor.RippleLength);
        Assert.Null(cursor.Sample(_time.GetTimestamp()).Ripple);
    }

    [Fact]
    public void Typing_and_scrolling_show_for_a_moment()
    {
        var cursor = new GhostCursor(_time);
        cursor.Click(10, 10);
        cursor.Type();
        cursor.Scroll(-300);
        var now = cursor.Sample(_time.GetTimestamp());
        Assert.True(now.Typing);
        Assert.Equal(-1, now.ScrollDirection);

        _time.Advance(GhostCursor.TypingLength);
        var later = cursor.Sample(_time.GetTimestamp());
        Assert.False(later.Typing);
        Assert.Equal(0, later.ScrollDirection);
    }
}
