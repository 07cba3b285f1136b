using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Navigator.LiveKit.Tests;

/// <summary>
/// A running test double of a LiveKit server (double/double.mjs): its URL, the API key and
/// secret it checks tokens with, what it reports on stdout, and commands on stdin.
/// </summary>
public sealed class LiveKitDouble : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private readonly Lock _sync = new();
    private readonly Task _reader;
    private int _statsRequests;
    private int _sends;

    internal LiveKitDouble(Process process, string url, string apiKey, string apiSecret)
    {
        _process = process;
        Url = url;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Where the double listens (inside the test network).</summary>
    public string Url { get; }

    /// <summary>The API key tokens must be issued by.</summary>
    public string ApiKey { get; }

    /// <summary>The secret tokens must be signed with.</summary>
    public string ApiSecret { get; }

    internal static ProcessStartInfo StartInfo(string host, int port, string apiKey, string apiSecret)
    {
        var script = Path.Combine(ProjectDirectory, "double", "double.mjs");
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        foreach (var argument in new[] { script, "--host", host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", apiKey, "--secret", apiSecret })
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>The LiveKit test project's source folder (holding package.json and the double's node_modules), found above the running program.</summary>
    public static string ProjectDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { dir.FullName, Path.Combine(dir.FullName, "tests", "Navigator.LiveKit.Tests") })
                {
                    if (File.Exists(Path.Combine(candidate, "double", "double.mjs")))
                    {
                        return candidate;
                    }
                }
            }

            throw new DirectoryNotFoundException("double/double.mjs of the LiveKit tests not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The first message of <paramref name="type"/> (already seen or still to come).</summary>
    public async Task<JsonElement> WaitForAsync(string type, TimeSpan timeout, Func<JsonElement, bool>? match = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        lock (_sync)
        {
            foreach (var seen in _seen)
            {
                if (IsMatch(seen, type, match))
                {
                    return seen;
                }
            }
        }

        try
        {
            await foreach (var message in _messages.Reader.ReadAllAsync(cts.Token))
            {
                if (IsMatch(message, type, match))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what the double said.
        }

        throw new TimeoutException($"The double sent no '{type}' within {timeout.TotalSeconds:0} s; it said: {string.Join(" | ", Seen().Select(m => m.GetRawText()).TakeLast(10))}");
    }

    /// <summary>Messages so far.</summary>
    public IReadOnlyList<JsonElement> Seen()
    {
        lock (_sync)
        {
            return [.. _seen];
        }
    }

    /// <summary>The double's counters (joins, tracks, frames, keyframes, the last keyframe's size, mutes).</summary>
    public async Task<DoubleStats> StatsAsync()
    {
        var request = Interlocked.Increment(ref _statsRequests);
        await _process.StandardInput.WriteLineAsync("stats " + request.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _process.StandardInput.FlushAsync();
        var stats = await WaitForAsync("stats", TimeSpan.FromSeconds(30), m => m.GetProperty("request").GetInt32() == request);
        return DoubleStats.From(stats);
    }

    /// <summary>Drops every signalling connection and peer connection, as a network failure would.</summary>
    public Task KillConnectionsAsync() => CommandAsync("kill");

    /// <summary>Tells every client to leave for good (no resume), as a server closing the room does.</summary>
    public Task LeaveAllAsync() => CommandAsync("leave");

    /// <summary>A remote participant joins the room (every client is told).</summary>
    public Task ParticipantJoinsAsync(string identity) => CommandAsync("participant-join " + identity);

    /// <summary>The remote participant leaves the room.</summary>
    public Task ParticipantLeavesAsync(string identity) => CommandAsync("participant-leave " + identity);

    /// <summary>The remote participant sends <paramref name="text"/> on <paramref name="topic"/> to every client (reliable).</summary>
    public async Task SendAsParticipantAsync(string identity, string topic, string text)
    {
        // The double numbers its sends from 1 in the order the commands arrive.
        var number = Interlocked.Increment(ref _sends);
        await CommandAsync($"send {identity} {topic} {text}");
        var report = await WaitForAsync("sent", TimeSpan.FromSeconds(30), m => m.GetProperty("n").GetInt32() == number);
        if (report.GetProperty("clients").GetInt32() == 0)
        {
            throw new InvalidOperationException($"The double had no client with an open data channel to send '{text}' to");
        }
    }

    private async Task CommandAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the double's stats.</summary>
    public async Task<DoubleStats> WaitForStatsAsync(Func<DoubleStats, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        DoubleStats stats;
        do
        {
            stats = await StatsAsync();
            if (condition(stats))
            {
                return stats;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s; the double's stats: {stats}");
    }

    private static bool IsMatch(JsonElement message, string type, Func<JsonElement, bool>? match) =>
        message.TryGetProperty("type", out var t) && t.GetString() == type && (match is null || match(message));

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            JsonElement message;
            try
            {
                message = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue; // not one of the double's messages
            }

            lock (_sync)
            {
                _seen.Add(message);
            }

            _messages.Writer.TryWrite(message);
        }

        _messages.Writer.TryComplete();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await _reader;
        _process.Dispose();
    }
}

/// <summary>What the double counted.</summary>
public sealed record DoubleStats(int Joins, int Rejected, int Tracks, int TrackWidth, int TrackHeight, int TrackSource, long Frames, long Keyframes, int KeyframeWidth, int KeyframeHeight, IReadOnlyList<bool> Mutes, int Connections)
{
    internal static DoubleStats From(JsonElement s)
    {
        var tracks = s.GetProperty("tracks");
        var last = tracks.GetArrayLength() > 0 ? tracks[tracks.GetArrayLength() - 1] : default;
        return new DoubleStats(
            s.GetProperty("joins").GetInt32(),
            s.GetProperty("rejected").GetInt32(),
            tracks.GetArrayLength(),
            last.ValueKind == JsonValueKind.Object ? last.GetProperty("width").GetInt32() : 0,
            last.ValueKind == JsonValueKind.Object ? last.GetProperty("height").GetInt32() : 0,
            last.ValueKind == JsonValueKind.Object ? last.GetProperty("source").GetInt32() : 0,
            s.GetProperty("frames").GetInt64(),
            s.GetProperty("keyframes").GetInt64(),
            s.GetProperty("keyframeWidth").GetInt32(),
            s.GetProperty("keyframeHeight").GetInt32(),
            [.. s.GetProperty("mutes").EnumerateArray().Select(m => m.GetBoolean())],
            s.GetProperty("connections").GetInt32());
    }

    public override string ToString() =>
        $"joins={Joins} rejected={Rejected} tracks={Tracks} ({TrackWidth}x{TrackHeight} source {TrackSource}) frames={Frames} keyframes={Keyframes} ({KeyframeWidth}x{KeyframeHeight}) mutes=[{string.Join(",", Mutes)}] connections={Connections}";
}
