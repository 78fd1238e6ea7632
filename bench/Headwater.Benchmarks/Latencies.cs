using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>Wall times of one kind of request: p50, p95 and max by nearest rank, in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count
    {
        get
        {
            lock (_ms)
            {
                return _ms.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_ms)
        {
            _ms.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_ms)
        {
            if (_ms.Count == 0)
            {
                return double.NaN;
            }
            var sorted = _ms.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    /// <summary>"p50 | p95 | max" as a markdown row's cells.</summary>
    public string Cells(Func<double, string> format) =>
        Invariant($"{format(Percentile(50))} | {format(Percentile(95))} | {format(Percentile(100))}");
}
