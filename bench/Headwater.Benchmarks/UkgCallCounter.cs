using System.Diagnostics.Metrics;
using Headwater.Connectors.Ukg;

namespace Headwater.Benchmarks;

/// <summary>Counts the service's UKG calls from its own metric (<see cref="UkgTelemetry"/>): the service runs in this
/// process, so a listener sees every call any integration makes.</summary>
internal sealed class UkgCallCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _calls;

    public UkgCallCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == UkgTelemetry.MeterName && instrument.Name == UkgTelemetry.CallsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _calls, value));
        _listener.Start();
    }

    public long Calls => Interlocked.Read(ref _calls);

    public void Dispose() => _listener.Dispose();
}
