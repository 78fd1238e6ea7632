using System.Security.Cryptography;

namespace Headwater.Simulator.Scim;

/// <summary>How a <see cref="ScimSimulator"/> listens, signs callers in and misbehaves; the defaults give a quiet
/// server on a free loopback port with a fresh random token.</summary>
public sealed record ScimSimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The only bearer token accepted; anything else is answered 401.</summary>
    public string BearerToken { get; init; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Added to every request before it is answered (on the simulator's clock).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Every Nth authenticated request is answered 429 with <see cref="RetryAfter"/>; 0 turns it off.</summary>
    public int RateLimitEvery { get; init; }

    /// <summary>The Retry-After sent with a 429, in whole seconds.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The default and largest <c>count</c> of a list page.</summary>
    public int MaxPageSize { get; init; } = 200;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(BearerToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(RateLimitEvery);
        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryAfter, TimeSpan.Zero);
    }
}
