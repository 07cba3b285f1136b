using System.Threading.Channels;
using Navigator.LiveKit.Ffi;
using Navigator.LiveKit.Proto;

namespace Navigator.LiveKit.Streaming;

/// <summary>
/// One connection to a LiveKit room with a screen-share video track published on it: connect, a
/// native video source, a track over it, publish; then frames go in with <see cref="CaptureFrame"/>.
/// The core reconnects by itself after short drops; its room events (reconnecting, reconnected,
/// disconnected) arrive in <see cref="Events"/>. Disposing unpublishes, disconnects and releases every handle.
/// </summary>
internal sealed class LiveKitRoomConnection : IAsyncDisposable
{
    private readonly LiveKitFfiClient _ffi;
    private readonly Channel<FfiRoomEvent> _events = Channel.CreateUnbounded<FfiRoomEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ulong> _handles = [];
    private ulong _roomHandle;
    private ulong _participantHandle;
    private ulong _sourceHandle;
    private ulong _trackHandle;
    private string? _trackSid;
    private int _disposed;

    private LiveKitRoomConnection(LiveKitFfiClient ffi, int width, int height)
    {
        _ffi = ffi;
        Width = width;
        Height = height;
    }

    /// <summary>The video width the source was created with.</summary>
    public int Width { get; }

    /// <summary>The video height the source was created with.</summary>
    public int Height { get; }

    /// <summary>The room's name as the server reported it.</summary>
    public string RoomName { get; private set; } = "";

    /// <summary>The published track's id on the server.</summary>
    public string TrackSid => _trackSid ?? "";

    /// <summary>The room's events (connection state, disconnects, data packets).</summary>
    public ChannelReader<FfiRoomEvent> Events => _events.Reader;

    /// <summary>
    /// Connects to the room and publishes the track; <see cref="LiveKitErrorCodes.ConnectFailed"/>
    /// or <see cref="LiveKitErrorCodes.PublishFailed"/> with the server's reason when that fails.
    /// </summary>
    public static async Task<LiveKitRoomConnection> ConnectAsync(LiveKitFfiClient ffi, LiveKitPublishSettings settings, LiveKitOptions options, CancellationToken cancellationToken)
    {
        var connection = new LiveKitRoomConnection(ffi, settings.Width & ~1, settings.Height & ~1);
        try
        {
            await connection.ConnectAndPublishAsync(settings, options, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAndPublishAsync(LiveKitPublishSettings settings, LiveKitOptions options, CancellationToken cancellationToken)
    {
        var connect = new FfiRequest
        {
            Connect = new ConnectRequest
            {
                Url = settings.Url,
                Token = settings.Token,
                Options = new RoomOptions { AutoSubscribe = false, AdaptiveStream = false, Dynacast = false },
            },
        };
        var connected = (await _ffi.RequestAsync(connect, r => r.Connect.AsyncId, cancellationToken)).Connect;
        if (connected.MessageCase != ConnectCallback.MessageOneofCase.Result)
        {
            throw new LiveKitException(LiveKitErrorCodes.ConnectFailed, DescribeConnectError(settings.Url, connected.Error));
        }

        _roomHandle = Own(connected.Result.Room.Handle.Id);
        _participantHandle = Own(connected.Result.LocalParticipant.Handle.Id);
        foreach (var participant in connected.Result.Participants)
        {
            Own(participant.Participant.Handle.Id);
            foreach (var publication in participant.Publications)
            {
                Own(publication.Handle.Id);
            }
        }

        RoomName = connected.Result.Room.Info.Name;
        _ffi.RegisterRoom(_roomHandle, _events.Writer);

        var source = _ffi.Request(new FfiRequest
        {
            NewVideoSource = new NewVideoSourceRequest
            {
                Type = VideoSourceType.VideoSourceNative,
                Resolution = new VideoSourceResolution { Width = (uint)Width, Height = (uint)Height },
            },
        }).NewVideoSource.Source;
        _sourceHandle = Own(source.Handle.Id);

        var track = _ffi.Request(new FfiRequest
        {
            CreateVideoTrack = new CreateVideoTrackRequest { Name = options.TrackName, SourceHandle = _sourceHandle },
        }).CreateVideoTrack.Track;
        _trackHandle = Own(track.Handle.Id);

        var publish = new FfiRequest
        {
            PublishTrack = new PublishTrackRequest
            {
                LocalParticipantHandle = _participantHandle,
                TrackHandle = _trackHandle,
                Options = new TrackPublishOptions
                {
                    Source = TrackSource.SourceScreenshare,
                    VideoCodec = options.VideoCodec == "h264" ? VideoCodec.H264 : VideoCodec.Vp8,
                    Simulcast = false,
                    VideoEncoding = new VideoEncoding { MaxBitrate = (ulong)options.MaxBitrate, MaxFramerate = settings.Fps },
                },
            },
        };
        var published = (await _ffi.RequestAsync(publish, r => r.PublishTrack.AsyncId, cancellationToken)).PublishTrack;
        if (published.MessageCase != PublishTrackCallback.MessageOneofCase.Publication)
        {
            throw new LiveKitException(LiveKitErrorCodes.PublishFailed, $"Publishing the screen share into room '{RoomName}' failed: {published.Error}");
        }

        Own(published.Publication.Handle.Id);
        _trackSid = published.Publication.Info.Sid;
    }

    // The core reports an HTTP refusal of the signalling upgrade as "client error: <status>" (a bad
    // token gets 401 there; the core's follow-up validate request goes to a wrong path in this
    // version, so the server's 404 may be all it reports).
    private static string DescribeConnectError(string url, string error) =>
        error.Contains("client error: 4", StringComparison.Ordinal)
            ? $"LiveKit at {url} refused the connection; check livekit_token (signed with this server's API secret, not expired, granting roomJoin for the room) and that the URL is the LiveKit server's ({error})"
            : $"LiveKit at {url} could not be reached ({error})";

    /// <summary>
    /// Hands the core one BGRA frame of <see cref="Width"/> x <see cref="Height"/> (rows without
    /// padding); the core converts it to I420 inside the call, so the memory is free again on return.
    /// </summary>
    public unsafe void CaptureFrame(ReadOnlySpan<byte> bgra, long timestampMicroseconds)
    {
        var stride = Width * 4;
        if (bgra.Length < stride * Height)
        {
            throw new ArgumentException($"A {Width}x{Height} BGRA frame needs {stride * Height} bytes, got {bgra.Length}", nameof(bgra));
        }

        fixed (byte* pixels = bgra)
        {
            _ffi.Request(new FfiRequest
            {
                CaptureVideoFrame = new CaptureVideoFrameRequest
                {
                    SourceHandle = _sourceHandle,
                    Buffer = new VideoBufferInfo
                    {
                        Type = VideoBufferType.Bgra,
                        Width = (uint)Width,
                        Height = (uint)Height,
                        DataPtr = (ulong)pixels,
                        Stride = (uint)stride,
                    },
                    TimestampUs = timestampMicroseconds,
                    Rotation = VideoRotation._0,
                },
            });
        }
    }

    /// <summary>Mutes (the room sees the track paused) or unmutes the track.</summary>
    public void SetMuted(bool muted) =>
        _ffi.Request(new FfiRequest { LocalTrackMute = new LocalTrackMuteRequest { TrackHandle = _trackHandle, Mute = muted } });

    /// <summary>
    /// Sends <paramref name="payload"/> on <paramref name="topic"/> to the room's participants, or
    /// only to <paramref name="destinationIdentity"/> when given.
    /// </summary>
    public async Task PublishDataAsync(ReadOnlyMemory<byte> payload, string topic, bool reliable, string? destinationIdentity, CancellationToken cancellationToken)
    {
        using var pin = payload.Pin();
        FfiRequest request;
        unsafe
        {
            request = new FfiRequest
            {
                PublishData = new PublishDataRequest
                {
                    LocalParticipantHandle = _participantHandle,
                    DataPtr = (ulong)pin.Pointer,
                    DataLen = (ulong)payload.Length,
                    Reliable = reliable,
                    Topic = topic,
                },
            };
        }

        if (destinationIdentity is not null)
        {
            request.PublishData.DestinationIdentities.Add(destinationIdentity);
        }

        // The core copies the payload before answering the request, so the pin may end with the call.
        var sent = (await _ffi.RequestAsync(request, r => r.PublishData.AsyncId, cancellationToken)).PublishData;
        if (sent.HasError)
        {
            throw new LiveKitException(LiveKitErrorCodes.NativeError, $"Sending data on '{topic}' failed: {sent.Error}");
        }
    }

    private ulong Own(ulong handle)
    {
        _handles.Add(handle);
        return handle;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Bounded: a server that no longer answers must not hold up closing the session.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (_trackSid is not null)
            {
                await _ffi.RequestAsync(
                    new FfiRequest { UnpublishTrack = new UnpublishTrackRequest { LocalParticipantHandle = _participantHandle, TrackSid = _trackSid, StopOnUnpublish = true } },
                    r => r.UnpublishTrack.AsyncId,
                    timeout.Token);
            }

            if (_roomHandle != 0)
            {
                await _ffi.RequestAsync(new FfiRequest { Disconnect = new DisconnectRequest { RoomHandle = _roomHandle } }, r => r.Disconnect.AsyncId, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or LiveKitException)
        {
            // The connection is going away either way; its handles are released below.
        }
        finally
        {
            _ffi.UnregisterRoom(_roomHandle);
            _events.Writer.TryComplete();
            for (var i = _handles.Count - 1; i >= 0; i--)
            {
                _ffi.DropHandle(_handles[i]);
            }
        }
    }
}
