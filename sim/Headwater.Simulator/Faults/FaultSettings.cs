namespace Headwater.Simulator.Faults;

/// <summary>
/// Faults the simulator injects on request, all off by default. Rates are probabilities per request, drawn from a
/// seeded generator so a single-threaded client sees the same sequence every run.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Requests allowed per service account per one-minute window; 0 means no limit.</summary>
    public int RateLimitPerMinute { get; init; }

    /// <summary>UKG sends no Retry-After on 429 today; set this to send one (seconds to the window's end).</summary>
    public bool SendRetryAfter { get; init; }

    /// <summary>Share of requests answered 500 with an empty JSON object.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Share of requests that never answer, until the client gives up.</summary>
    public double HangRate { get; init; }

    /// <summary>Share of list responses cut off halfway through the JSON.</summary>
    public double TruncateRate { get; init; }

    /// <summary>Added to every request.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Added per row returned, so large pages are slow as they are in UKG.</summary>
    public TimeSpan LatencyPerRow { get; init; }

    /// <summary>After this many successful calls a service account's password stops working (a rotated password).</summary>
    public int? PasswordExpiresAfterCalls { get; init; }

    public int Seed { get; init; } = 1;

    public static FaultSettings None { get; } = new();
}
