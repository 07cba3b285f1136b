using System.ComponentModel;
using System.Diagnostics;

namespace Navigator.Media.Recording;

/// <summary>
/// One ffmpeg process fed raw frames over stdin. Keeps the tail of its error output for the
/// message when it fails. If our process dies, ffmpeg sees end of input and finishes the file.
/// </summary>
internal sealed class FfmpegEncoder : IAsyncDisposable
{
    private const int StderrLines = 12;

    private readonly Process _process;
    private readonly Stream _input;
    private readonly Queue<string> _stderr = new();
    private readonly Task _stderrPump;

    private FfmpegEncoder(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _stderrPump = PumpStderrAsync();
    }

    /// <summary>The ffmpeg process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once ffmpeg exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Bytes the pipe to ffmpeg holds (null when unknown).</summary>
    public int? PipeCapacityBytes { get; private init; }

    /// <summary>
    /// Starts ffmpeg with a pipe that holds at least one frame of <paramref name="frameBytes"/> when
    /// the system allows; <see cref="MediaErrorCodes.EncoderUnavailable"/> when it cannot run.
    /// </summary>
    public static FfmpegEncoder Start(string ffmpegPath, IReadOnlyList<string> arguments, int frameBytes)
    {
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new MediaException(MediaErrorCodes.EncoderUnavailable, $"ffmpeg ({ffmpegPath}) did not start");
            var encoder = new FfmpegEncoder(process) { PipeCapacityBytes = PipeCapacity.Enlarge(process.StandardInput.BaseStream, frameBytes) };
            return encoder;
        }
        catch (Win32Exception ex)
        {
            throw new MediaException(MediaErrorCodes.EncoderUnavailable, $"ffmpeg ({ffmpegPath}) could not be started: {ex.Message}; install the ffmpeg package (scripts/setup.sh does)", ex);
        }
    }

    /// <summary>Writes one raw frame; throws <see cref="IOException"/> when ffmpeg is gone.</summary>
    public ValueTask WriteFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        _input.WriteAsync(frame, cancellationToken);

    /// <summary>
    /// Kills ffmpeg now (it stopped reading); a write blocked on its pipe then fails with an
    /// <see cref="IOException"/>. What ffmpeg wrote so far stays playable (fragmented MP4).
    /// </summary>
    public void Abort()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }
    }

    /// <summary>
    /// Ends the input and waits for ffmpeg to finish the file (killing it after <paramref name="timeout"/>).
    /// Returns ffmpeg's exit code (-1 when it had to be killed).
    /// </summary>
    public async Task<int> FinishAsync(TimeSpan timeout)
    {
        try
        {
            await _input.FlushAsync();
            _input.Close();
        }
        catch (IOException)
        {
            // ffmpeg already exited and closed its end; its exit code tells what happened.
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return -1;
        }

        await _stderrPump;
        return _process.ExitCode;
    }

    /// <summary>The last lines ffmpeg wrote to stderr.</summary>
    public string ErrorTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join(" | ", _stderr);
            }
        }
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr)
                {
                    _stderr.Enqueue(line);
                    if (_stderr.Count > StderrLines)
                    {
                        _stderr.Dequeue();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe closed with the process; what was read is the tail.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }

        await _stderrPump;
        _process.Dispose();
    }
}
