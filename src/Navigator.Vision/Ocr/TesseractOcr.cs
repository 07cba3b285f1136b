using System.Threading.Channels;

namespace Navigator.Vision.Ocr;

/// <summary>
/// Reads text off screenshots with the system Tesseract, in process. Keeps up to
/// <see cref="OcrOptions.MaxEngines"/> loaded recognizers and lends one to each screenshot
/// (recognition runs on the thread pool; it is CPU work of some 100 ms per screen of text).
/// </summary>
public sealed class TesseractOcr : ITextRecognizer, IDisposable
{
    private readonly OcrOptions _options;
    private readonly Channel<TesseractEngine> _idle = Channel.CreateUnbounded<TesseractEngine>();
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<string?> _problem;
    private int _disposed;

    /// <summary>Creates the recognizer; nothing loads until the first screenshot.</summary>
    public TesseractOcr(OcrOptions? options = null)
    {
        _options = options ?? new OcrOptions();
        _options.Validate();
        _slots = new SemaphoreSlim(_options.MaxEngines, _options.MaxEngines);
        _problem = new Lazy<string?>(() => TesseractNative.TryLoad(out var problem) ? null : problem);
    }

    /// <summary>Null when Tesseract is installed; otherwise what is missing.</summary>
    public string? Unavailable => _problem.Value;

    /// <inheritdoc />
    public async Task<OcrResult> RecognizeAsync(ReadOnlyMemory<byte> image, IReadOnlyList<PixelRect>? regions = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Unavailable is { } problem)
        {
            throw new VisionException(VisionErrorCodes.OcrUnavailable, problem);
        }

        await _slots.WaitAsync(cancellationToken);
        TesseractEngine? engine = null;
        try
        {
            engine = _idle.Reader.TryRead(out var ready) ? ready : await Task.Run(() => TesseractEngine.Create(_options), cancellationToken);
            var lent = engine;
            var (width, height, pages) = await Task.Run(() => lent.Recognize(image.Span, regions), cancellationToken);
            var lines = new List<OcrLine>();
            for (var i = 0; i < pages.Count; i++)
            {
                lines.AddRange(TsvParser.Parse(pages[i], i, _options.MinConfidence));
            }

            return new OcrResult(width, height, lines);
        }
        finally
        {
            if (engine is not null && !_idle.Writer.TryWrite(engine))
            {
                engine.Dispose();
            }

            _slots.Release();
        }
    }

    /// <summary>Unloads the recognizers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _idle.Writer.TryComplete();
        while (_idle.Reader.TryRead(out var engine))
        {
            engine.Dispose();
        }
    }
}
