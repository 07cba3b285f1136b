using System.Runtime.InteropServices;

namespace Navigator.Vision.Ocr;

/// <summary>
/// The parts of the system Tesseract (C API, Debian <c>libtesseract5</c>) and Leptonica
/// (<c>liblept5</c>) the recognizer uses. Loading them in process keeps the model loaded
/// between screenshots, which saves the ~200 ms of CPU a <c>tesseract</c> process spends on start-up.
/// </summary>
internal static partial class TesseractNative
{
    public const string TesseractLibrary = "libtesseract.so.5";
    public const string LeptonicaLibrary = "liblept.so.5";

    /// <summary>OEM_LSTM_ONLY: the neural recognizer (the only one Debian's English model ships).</summary>
    public const int EngineLstmOnly = 1;

    [LibraryImport(TesseractLibrary)]
    public static partial nint TessBaseAPICreate();

    [LibraryImport(TesseractLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit2(nint handle, string? dataPath, string language, int engineMode);

    [LibraryImport(TesseractLibrary, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(nint handle, string name, string value);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPISetPageSegMode(nint handle, int mode);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPISetImage2(nint handle, nint pix);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPISetSourceResolution(nint handle, int ppi);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPISetRectangle(nint handle, int left, int top, int width, int height);

    [LibraryImport(TesseractLibrary)]
    public static partial int TessBaseAPIRecognize(nint handle, nint monitor);

    [LibraryImport(TesseractLibrary)]
    public static partial nint TessBaseAPIGetTsvText(nint handle, int pageNumber);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessDeleteText(nint text);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPIClear(nint handle);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPIEnd(nint handle);

    [LibraryImport(TesseractLibrary)]
    public static partial void TessBaseAPIDelete(nint handle);

    [LibraryImport(LeptonicaLibrary)]
    public static unsafe partial nint pixReadMem(byte* data, nuint size);

    [LibraryImport(LeptonicaLibrary)]
    public static partial int pixGetWidth(nint pix);

    [LibraryImport(LeptonicaLibrary)]
    public static partial int pixGetHeight(nint pix);

    [LibraryImport(LeptonicaLibrary)]
    public static partial void pixDestroy(ref nint pix);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnvironment(string name, string value, int overwrite);

    /// <summary>True when both libraries load; otherwise <paramref name="problem"/> says what is missing.</summary>
    public static bool TryLoad(out string? problem)
    {
        // Tesseract's LSTM asks OpenMP for 4 threads per line; on a loaded 2-core machine the
        // spinning threads cost more than they give. OpenMP reads this once, when it loads with
        // Tesseract, so it is set in the native environment first (unless the operator chose).
        if (Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") is null)
        {
            _ = SetEnvironment("OMP_THREAD_LIMIT", "1", 0);
        }

        foreach (var library in new[] { LeptonicaLibrary, TesseractLibrary })
        {
            if (!NativeLibrary.TryLoad(library, typeof(TesseractNative).Assembly, null, out _))
            {
                problem = $"{library} is not installed; install the Debian packages tesseract-ocr and tesseract-ocr-eng (scripts/setup.sh does)";
                return false;
            }
        }

        problem = null;
        return true;
    }
}
