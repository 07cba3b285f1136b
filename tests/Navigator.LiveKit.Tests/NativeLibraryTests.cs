using Navigator.LiveKit.Ffi;

namespace Navigator.LiveKit.Tests;

/// <summary>Loading LiveKit's core fails with a clear, typed error when the file is missing or is not the core.</summary>
public sealed class NativeLibraryTests
{
    [Fact]
    public void A_missing_core_names_the_path_and_the_setting()
    {
        var error = Assert.Throws<LiveKitException>(() => LiveKitNativeLibrary.Load("/nonexistent/liblivekit_ffi.so", null));

        Assert.Equal(LiveKitErrorCodes.NativeLibraryMissing, error.Code);
        Assert.Contains("/nonexistent/liblivekit_ffi.so", error.Message, StringComparison.Ordinal);
        Assert.Contains("LiveKit:FfiLibraryPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_is_not_the_core_is_refused()
    {
        var notTheCore = new LiveKitOptions().ResolveNapiStubPath()!;

        var error = Assert.Throws<LiveKitException>(() => LiveKitNativeLibrary.Load(notTheCore, null));

        Assert.Equal(LiveKitErrorCodes.NativeLibraryMissing, error.Code);
        Assert.Contains("livekit_ffi_initialize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_core_from_npm_loads_beside_its_napi_stub()
    {
        var options = new LiveKitOptions();

        var library = LiveKitNativeLibrary.Load(options.ResolveLibraryPath(), options.ResolveNapiStubPath());

        Assert.Equal(options.ResolveLibraryPath(), library.Path);
        Assert.EndsWith(Path.Combine("livekit", LiveKitOptions.NapiStubFileName), options.ResolveNapiStubPath(), StringComparison.Ordinal);
    }
}
