using System.Diagnostics.Metrics;
using Navigator.Media;

namespace Navigator.Benchmarks;

/// <summary>Collects the media histograms' measurements while alive.</summary>
internal sealed class MediaMetricSamples : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, List<double>> _values;
    private readonly Lock _sync = new();

    public MediaMetricSamples(params string[] instruments)
    {
        _values = instruments.ToDictionary(i => i, _ => new List<double>(), StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MediaMetrics.MeterName && _values.ContainsKey(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (_sync)
            {
                _values[instrument.Name].Add(value);
            }
        });
        _listener.Start();
    }

    public void Clear()
    {
        lock (_sync)
        {
            foreach (var list in _values.Values)
            {
                list.Clear();
            }
        }
    }

    public Samples Get(string instrument)
    {
        var samples = new Samples(instrument);
        lock (_sync)
        {
            foreach (var value in _values[instrument])
            {
                samples.Add(value);
            }
        }

        return samples;
    }

    public void Dispose() => _listener.Dispose();
}
