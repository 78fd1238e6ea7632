using System.Diagnostics;
using Headwater.Syncing;

namespace Headwater.Benchmarks;

/// <summary>
/// A progress sink that notes, from its creation, when each <see cref="SyncPhase"/> was first reported. It records
/// as the report is made (unlike <see cref="Progress{T}"/>, which posts to the thread pool). With
/// <paramref name="echo"/>, each new phase and every 10,000th applied change is written there, to follow a long run.
/// </summary>
internal sealed class PhaseClock(TextWriter? echo = null) : IProgress<SyncProgress>
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Dictionary<SyncPhase, TimeSpan> _firstReported = [];
    private readonly Lock _lock = new();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public void Report(SyncProgress value)
    {
        var elapsed = Elapsed;
        bool first;
        lock (_lock)
        {
            first = _firstReported.TryAdd(value.Phase, elapsed);
        }
        if (echo is not null && (first || (value.Phase == SyncPhase.Applying && value.Done % 10_000 == 0)))
        {
            var seconds = elapsed.TotalSeconds;
            echo.WriteLine(FormattableString.Invariant($"#   {seconds,7:N1} s  {value.Phase} {value.Done:N0}/{value.Total:N0}"));
        }
    }

    /// <summary>When <paramref name="phase"/> was first reported, or null if it never was.</summary>
    public TimeSpan? FirstReported(SyncPhase phase)
    {
        lock (_lock)
        {
            return _firstReported.TryGetValue(phase, out var at) ? at : null;
        }
    }
}
