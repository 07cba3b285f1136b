using System.Runtime.InteropServices;

namespace Navigator.LiveKit.Ffi;

/// <summary>
/// LiveKit's native core loaded from disk: the four functions of its C ABI (livekit_ffi_initialize,
/// _request, _drop_handle, _dispose), called through unmanaged function pointers. The core as
/// shipped in LiveKit's npm package is a Node addon linked against N-API; loading a stub library
/// that defines those names first (globally) lets it load outside Node, and the C ABI never calls them.
/// </summary>
internal sealed unsafe partial class LiveKitNativeLibrary
{
    private const int RtldNow = 0x002;
    private const int RtldGlobal = 0x100;

    private LiveKitNativeLibrary(string path, nint handle)
    {
        Path = path;
        Initialize = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, nuint, void>, byte, byte*, byte*, void>)Export(handle, "livekit_ffi_initialize");
        Request = (delegate* unmanaged[Cdecl]<byte*, nuint, byte**, nuint*, ulong>)Export(handle, "livekit_ffi_request");
        DropHandle = (delegate* unmanaged[Cdecl]<ulong, byte>)Export(handle, "livekit_ffi_drop_handle");
    }

    /// <summary>The library file.</summary>
    public string Path { get; }

    /// <summary><c>void livekit_ffi_initialize(cb, bool capture_logs, const char* sdk, const char* sdk_version)</c>.</summary>
    public delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, nuint, void>, byte, byte*, byte*, void> Initialize { get; }

    /// <summary><c>FfiHandleId livekit_ffi_request(const uint8_t* data, size_t len, const uint8_t** res_ptr, size_t* res_len)</c>; the response lives until its handle is dropped.</summary>
    public delegate* unmanaged[Cdecl]<byte*, nuint, byte**, nuint*, ulong> Request { get; }

    /// <summary><c>bool livekit_ffi_drop_handle(FfiHandleId)</c>.</summary>
    public delegate* unmanaged[Cdecl]<ulong, byte> DropHandle { get; }

    /// <summary>
    /// Loads the core at <paramref name="path"/>, after <paramref name="napiStubPath"/> when given
    /// (that one with RTLD_GLOBAL, so the core's N-API imports resolve against it).
    /// </summary>
    public static LiveKitNativeLibrary Load(string path, string? napiStubPath)
    {
        if (!File.Exists(path))
        {
            throw new LiveKitException(LiveKitErrorCodes.NativeLibraryMissing, $"LiveKit's native library was not found at {path} (set LiveKit:FfiLibraryPath, or run scripts/setup.sh for the one from npm)");
        }

        if (napiStubPath is not null && Dlopen(napiStubPath, RtldNow | RtldGlobal) == 0)
        {
            throw new LiveKitException(LiveKitErrorCodes.NativeLibraryMissing, $"The N-API stub {napiStubPath} did not load: {DlerrorText()}");
        }

        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            // NativeLibrary hides dlerror; dlopen again for the loader's reason.
            var reason = Dlopen(path, RtldNow) == 0 ? DlerrorText() : "unknown";
            throw new LiveKitException(LiveKitErrorCodes.NativeLibraryMissing, $"LiveKit's native library {path} did not load: {reason}");
        }

        return new LiveKitNativeLibrary(path, handle);
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? address
            : throw new LiveKitException(LiveKitErrorCodes.NativeLibraryMissing, $"The library has no {name}: it is not LiveKit's livekit_ffi core");

    private static string DlerrorText() => Marshal.PtrToStringUTF8(Dlerror()) ?? "unknown";

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint Dlopen(string fileName, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "dlerror")]
    private static partial nint Dlerror();
}
