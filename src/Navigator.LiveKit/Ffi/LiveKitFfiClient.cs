using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Google.Protobuf;
using Navigator.LiveKit.Proto;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using NativeLogLevel = Navigator.LiveKit.Proto.LogLevel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Navigator.LiveKit.Ffi;

/// <summary>
/// The process's connection to LiveKit's native core: synchronous requests (protobuf
/// <c>FfiRequest</c> in, <c>FfiResponse</c> out) and asynchronous ones whose answer arrives later as
/// an <c>FfiEvent</c> carrying the request's <c>async_id</c>, like a CDP command and its reply.
/// The core calls back on its own threads; the callback only parses and queues, and one loop
/// completes waiting requests and hands room events to the room that registered for them.
/// The core can be initialized once per process, so there is one client, living as long as the process.
/// </summary>
internal sealed partial class LiveKitFfiClient
{
    private static readonly Lock s_openSync = new();
    private static LiveKitFfiClient? s_instance;

    private readonly LiveKitNativeLibrary _library;
    private readonly ILogger _logger;
    private readonly ILogger _nativeLogger;
    private readonly Channel<FfiEvent> _events = Channel.CreateUnbounded<FfiEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _pendingSync = new();
    private readonly Dictionary<ulong, TaskCompletionSource<FfiEvent>> _pending = [];
    private readonly Dictionary<ulong, FfiEvent> _arrivedEarly = [];
    private readonly HashSet<ulong> _abandoned = [];
    private readonly ConcurrentDictionary<ulong, ChannelWriter<FfiRoomEvent>> _rooms = new();

    private LiveKitFfiClient(LiveKitNativeLibrary library, ILoggerFactory loggerFactory)
    {
        _library = library;
        _logger = loggerFactory.CreateLogger<LiveKitFfiClient>();
        _nativeLogger = loggerFactory.CreateLogger("LiveKit.Native");
        _ = Task.Run(DispatchAsync);
    }

    /// <summary>The loaded library's path.</summary>
    public string LibraryPath => _library.Path;

    /// <summary>
    /// The process's client, loading and initializing the core on first use; later calls return
    /// the same client whatever paths they give (the core cannot be loaded twice).
    /// </summary>
    public static unsafe LiveKitFfiClient Open(string libraryPath, string? napiStubPath, ILoggerFactory? loggerFactory = null)
    {
        lock (s_openSync)
        {
            if (s_instance is { } open)
            {
                return open;
            }

            var library = LiveKitNativeLibrary.Load(libraryPath, napiStubPath);
            var client = new LiveKitFfiClient(library, loggerFactory ?? NullLoggerFactory.Instance);
            s_instance = client;
            var sdk = "dotnet"u8;
            var version = Encoding.UTF8.GetBytes(typeof(LiveKitFfiClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            fixed (byte* sdkName = NullTerminated(sdk))
            fixed (byte* sdkVersion = NullTerminated(version))
            {
                library.Initialize(&OnNativeEvent, 1, sdkName, sdkVersion);
            }

            LogInitialized(client._logger, library.Path);
            return client;
        }
    }

    /// <summary>Sends a request and returns the core's immediate response.</summary>
    public unsafe FfiResponse Request(FfiRequest request)
    {
        var size = request.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            request.WriteTo(buffer.AsSpan(0, size));
            byte* responseData;
            nuint responseLength;
            ulong handle;
            fixed (byte* data = buffer)
            {
                handle = _library.Request(data, (nuint)size, &responseData, &responseLength);
            }

            if (handle == 0)
            {
                throw new LiveKitException(LiveKitErrorCodes.NativeError, $"LiveKit's core refused the {request.MessageCase} request");
            }

            try
            {
                return FfiResponse.Parser.ParseFrom(new ReadOnlySpan<byte>(responseData, checked((int)responseLength)));
            }
            finally
            {
                _library.DropHandle(handle);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Sends an asynchronous request and waits for the event answering it (the one carrying the
    /// <c>async_id</c> that <paramref name="asyncIdOf"/> reads from the immediate response).
    /// </summary>
    public async Task<FfiEvent> RequestAsync(FfiRequest request, Func<FfiResponse, ulong> asyncIdOf, CancellationToken cancellationToken)
    {
        var asyncId = asyncIdOf(Request(request));
        TaskCompletionSource<FfiEvent> answer;
        lock (_pendingSync)
        {
            // The core may answer on its thread before this one has the id back.
            if (_arrivedEarly.Remove(asyncId, out var early))
            {
                return early;
            }

            answer = new TaskCompletionSource<FfiEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[asyncId] = answer;
        }

        try
        {
            return await answer.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_pendingSync)
            {
                if (_pending.Remove(asyncId))
                {
                    _abandoned.Add(asyncId);
                }
            }

            throw;
        }
    }

    /// <summary>Routes the events of the room with <paramref name="roomHandle"/> to <paramref name="events"/> until <see cref="UnregisterRoom"/>.</summary>
    public void RegisterRoom(ulong roomHandle, ChannelWriter<FfiRoomEvent> events) => _rooms[roomHandle] = events;

    /// <summary>Stops routing a room's events.</summary>
    public void UnregisterRoom(ulong roomHandle) => _rooms.TryRemove(roomHandle, out _);

    /// <summary>Releases a handle the core gave out (room, participant, source, track, publication, buffer).</summary>
    public unsafe void DropHandle(ulong handle)
    {
        if (handle != 0)
        {
            _library.DropHandle(handle);
        }
    }

    private static byte[] NullTerminated(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[text.Length + 1];
        text.CopyTo(bytes);
        return bytes;
    }

    // Runs on the core's threads, which must never block or see an exception.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnNativeEvent(byte* data, nuint length)
    {
        try
        {
            var ffiEvent = FfiEvent.Parser.ParseFrom(new ReadOnlySpan<byte>(data, checked((int)length)));
            s_instance?._events.Writer.TryWrite(ffiEvent);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or OverflowException)
        {
            if (s_instance is { } client)
            {
                LogUnreadableEvent(client._logger, ex);
            }
        }
    }

    private async Task DispatchAsync()
    {
        await foreach (var ffiEvent in _events.Reader.ReadAllAsync())
        {
            try
            {
                Dispatch(ffiEvent);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One bad event must not stop the events of every room.
                LogDispatchFailed(_logger, ffiEvent.MessageCase.ToString(), ex);
            }
        }
    }

    private void Dispatch(FfiEvent ffiEvent)
    {
        switch (ffiEvent.MessageCase)
        {
            case FfiEvent.MessageOneofCase.Logs:
                foreach (var record in ffiEvent.Logs.Records)
                {
                    LogNative(_nativeLogger, ToLogLevel(record.Level), record.Target, record.Message);
                }

                return;
            case FfiEvent.MessageOneofCase.Panic:
                LogPanic(_logger, ffiEvent.Panic.Message);
                FailPending(new LiveKitException(LiveKitErrorCodes.NativeError, "LiveKit's core panicked: " + ffiEvent.Panic.Message));
                return;
            case FfiEvent.MessageOneofCase.RoomEvent:
                var payload = TakeOwnedData(ffiEvent.RoomEvent);
                if (_rooms.TryGetValue(ffiEvent.RoomEvent.RoomHandle, out var room))
                {
                    room.TryWrite(new FfiRoomEvent(ffiEvent.RoomEvent, payload));
                }

                return;
        }

        if (AsyncIdOf(ffiEvent) is not { } asyncId)
        {
            return;
        }

        TaskCompletionSource<FfiEvent>? waiting;
        lock (_pendingSync)
        {
            if (!_pending.Remove(asyncId, out waiting))
            {
                if (!_abandoned.Remove(asyncId))
                {
                    _arrivedEarly[asyncId] = ffiEvent;
                }

                return;
            }
        }

        waiting.TrySetResult(ffiEvent);
    }

    /// <summary>
    /// Releases the handles a room event hands over (a data packet's buffer after copying it out,
    /// a remote participant or publication nobody here keeps), whether or not a room still listens.
    /// </summary>
    private unsafe byte[]? TakeOwnedData(RoomEvent roomEvent)
    {
        switch (roomEvent.MessageCase)
        {
            case RoomEvent.MessageOneofCase.DataPacketReceived when roomEvent.DataPacketReceived.User is { } user:
                try
                {
                    return new ReadOnlySpan<byte>((void*)user.Data.Data.DataPtr, checked((int)user.Data.Data.DataLen)).ToArray();
                }
                finally
                {
                    DropHandle(user.Data.Handle.Id);
                }

            case RoomEvent.MessageOneofCase.ParticipantConnected:
                DropHandle(roomEvent.ParticipantConnected.Info.Handle.Id);
                return null;
            case RoomEvent.MessageOneofCase.TrackPublished:
                DropHandle(roomEvent.TrackPublished.Publication.Handle.Id);
                return null;
            default:
                return null;
        }
    }

    private void FailPending(Exception error)
    {
        List<TaskCompletionSource<FfiEvent>> waiting;
        lock (_pendingSync)
        {
            waiting = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var answer in waiting)
        {
            answer.TrySetException(error);
        }
    }

    /// <summary>The async_id of a callback event, read generically from whichever message it carries.</summary>
    private static ulong? AsyncIdOf(FfiEvent ffiEvent)
    {
        var field = FfiEvent.Descriptor.Oneofs[0].Accessor.GetCaseFieldDescriptor(ffiEvent);
        if (field?.Accessor.GetValue(ffiEvent) is not IMessage message)
        {
            return null;
        }

        return message.Descriptor.FindFieldByName("async_id")?.Accessor.GetValue(message) is ulong id ? id : null;
    }

    private static LogLevel ToLogLevel(NativeLogLevel level) => level switch
    {
        NativeLogLevel.LogError => LogLevel.Error,
        NativeLogLevel.LogWarn => LogLevel.Warning,
        NativeLogLevel.LogInfo => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "LiveKit's native core loaded from {Path}")]
    private static partial void LogInitialized(ILogger logger, string path);

    [LoggerMessage(EventId = 1901, Message = "{Target}: {Message}")]
    private static partial void LogNative(ILogger logger, LogLevel level, string target, string message);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Error, Message = "LiveKit's native core panicked: {Message}")]
    private static partial void LogPanic(ILogger logger, string message);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "An event from LiveKit's native core could not be read")]
    private static partial void LogUnreadableEvent(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning, Message = "Handling a {Kind} event from LiveKit's native core failed")]
    private static partial void LogDispatchFailed(ILogger logger, string kind, Exception exception);
}

/// <summary>A room's event as the core sent it, with a data packet's payload copied out (its buffer is already released).</summary>
internal readonly record struct FfiRoomEvent(RoomEvent Event, byte[]? Payload);
