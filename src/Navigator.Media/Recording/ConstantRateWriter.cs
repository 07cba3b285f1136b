using System.Diagnostics;

namespace Navigator.Media.Recording;

/// <summary>
/// Feeds ffmpeg one frame per slot of a constant-rate clock (slot k covers [k/fps, (k+1)/fps) from
/// the start), so the file's duration is the wall time. A slot is written when it ends, with the
/// newest composed frame (a repeat when nothing changed), or earlier, as soon as a frame showing a
/// new page arrives while it is open: a new page waits for the pipe, not for the clock. A slot
/// missed while the pipe was slow is written late with the newest frame rather than an old one.
/// Runs on its own, so a stalled pipe holds up only this loop, never the compositor or the session.
/// </summary>
internal sealed class ConstantRateWriter(FfmpegEncoder encoder, ComposedFrameSlot slot, TimeProvider time, int fps)
{
    private long _framesWritten;
    private long _pageFramesWritten;
    private ComposedFrame? _current;
    private bool _currentUnwritten;
    private long _startedTimestamp;

    /// <summary>Frames written so far.</summary>
    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    /// <summary>Frames that showed a new page (the rest are repeats or cursor moves).</summary>
    public long PageFramesWritten => Interlocked.Read(ref _pageFramesWritten);

    /// <summary>Slots of the clock that have ended so far: <see cref="FramesWritten"/> lags this while the pipe is slow.</summary>
    public long FramesDue => Interlocked.Read(ref _startedTimestamp) is var started && started == 0 ? 0 : EndedSlots(started);

    /// <summary>
    /// Writes until <paramref name="stopToken"/> is cancelled, then the slot open at that moment (so
    /// the file covers the recording's whole time). Throws <see cref="IOException"/> when ffmpeg is gone.
    /// </summary>
    public async Task RunAsync(long startedTimestamp, CancellationToken stopToken)
    {
        Interlocked.Exchange(ref _startedTimestamp, startedTimestamp);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / fps), time);
        var tick = timer.WaitForNextTickAsync(stopToken).AsTask();
        var published = slot.WaitAsync(stopToken);
        while (!stopToken.IsCancellationRequested)
        {
            TakeNewest();
            var ended = EndedSlots(startedTimestamp);

            // An open slot is written early only for a new page.
            var due = ended + (_currentUnwritten && _current!.NewPage is not null ? 1 : 0);
            if (_current is not null && FramesWritten < due)
            {
                await WriteCurrentAsync();
                continue;
            }

            await Task.WhenAny(tick, published);
            if (tick.IsCompleted)
            {
                if (tick.IsCanceled)
                {
                    break;
                }

                tick = timer.WaitForNextTickAsync(stopToken).AsTask();
            }

            if (published.IsCompleted)
            {
                if (published.IsCanceled)
                {
                    break;
                }

                published = slot.WaitAsync(stopToken);
            }
        }

        // The slot open at the stop gets its frame too.
        TakeNewest();
        var final = EndedSlots(startedTimestamp) + 1;
        while (_current is not null && FramesWritten < final)
        {
            await WriteCurrentAsync();
        }
    }

    private long EndedSlots(long startedTimestamp) =>
        (long)((time.GetElapsedTime(startedTimestamp).TotalSeconds * fps) + 1e-6);

    private void TakeNewest()
    {
        var previous = _current;
        if (slot.Exchange(previous) is not { } newest)
        {
            return;
        }

        // A page taken but not yet written stays the news of the frame that replaces it.
        if (previous is not null && _currentUnwritten && previous.NewPage is not null && newest.NewPage is null)
        {
            newest = newest with { NewPage = previous.NewPage, DecodedTimestamp = previous.DecodedTimestamp };
        }

        _current = newest;
        _currentUnwritten = true;
    }

    private async Task WriteCurrentAsync()
    {
        var frame = _current!;
        var writeStart = Stopwatch.GetTimestamp();
        if (_currentUnwritten && frame.NewPage is not null)
        {
            MediaMetrics.SlotWait.Record(Stopwatch.GetElapsedTime(frame.DecodedTimestamp, writeStart).TotalMilliseconds);
        }

        // Not cancellable: half a frame in the pipe would corrupt the end of the file.
        await encoder.WriteFrameAsync(frame.Pixels, CancellationToken.None);
        MediaMetrics.EncoderWrite.Record(Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds);
        MediaMetrics.FramesWritten.Add(1);
        Interlocked.Increment(ref _framesWritten);
        if (_currentUnwritten && frame.NewPage is { } page)
        {
            Interlocked.Increment(ref _pageFramesWritten);
            MediaMetrics.CaptureToEncoder.Record(time.GetElapsedTime(page.CapturedTimestamp).TotalMilliseconds);
            if (page.SwappedAt is { } swapped)
            {
                MediaMetrics.SwapToEncoder.Record((time.GetUtcNow() - swapped).TotalMilliseconds);
            }
        }

        _currentUnwritten = false;
    }
}
