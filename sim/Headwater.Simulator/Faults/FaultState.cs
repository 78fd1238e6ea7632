using System.Collections.Concurrent;

namespace Headwater.Simulator.Faults;

/// <summary>The live fault settings and the counters they need: rate-limit windows and calls per account.</summary>
public sealed class FaultState(FaultSettings initial, TimeProvider time)
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = initial;
    private Random _random = new(initial.Seed);
    private readonly ConcurrentDictionary<string, (long Window, int Count)> _windows = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.OrdinalIgnoreCase);

    public FaultSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            lock (_gate)
            {
                _settings = value;
                _random = new Random(value.Seed);
                _windows.Clear();
                _calls.Clear();
            }
        }
    }

    /// <summary>Counts one call in the current one-minute window; returns the seconds until the window ends when over the limit.</summary>
    public int? RateLimited(string account)
    {
        var limit = Settings.RateLimitPerMinute;
        if (limit <= 0)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        var (_, count) = _windows.AddOrUpdate(account, (window, 1), (_, w) => w.Window == window ? (window, w.Count + 1) : (window, 1));
        return count > limit ? (int)Math.Max(1, (window + 1) * 60 - now.ToUnixTimeSeconds()) : null;
    }

    /// <summary>Counts a successful authentication; true once the account's password has "rotated".</summary>
    public bool PasswordExpired(string account)
    {
        if (Settings.PasswordExpiresAfterCalls is not { } limit)
        {
            return false;
        }
        return _calls.AddOrUpdate(account, 1, (_, c) => c + 1) > limit;
    }

    public bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }
        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }
}
