using System.Diagnostics;

namespace Navigator.Cluster;

/// <summary>The share of the machine's CPU this process used since the previous sample (0..1).</summary>
internal sealed class ProcessCpu(TimeProvider time)
{
    private readonly Lock _sync = new();
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastAt = time.GetTimestamp();
    private double _current;

    public double Current => Volatile.Read(ref _current);

    /// <summary>Takes a sample and returns the share used since the previous one.</summary>
    public double Sample()
    {
        lock (_sync)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var elapsed = time.GetElapsedTime(_lastAt);
            if (elapsed > TimeSpan.FromMilliseconds(100))
            {
                var share = (cpu - _lastCpu).TotalMilliseconds / (elapsed.TotalMilliseconds * Environment.ProcessorCount);
                Volatile.Write(ref _current, Math.Round(Math.Clamp(share, 0, 1), 3));
                _lastCpu = cpu;
                _lastAt = time.GetTimestamp();
            }

            return _current;
        }
    }
}
