namespace Headwater.Core.Destinations;

/// <summary>A destination holding the run back: the host, how long the run waits, and why, in words.</summary>
public sealed record DestinationWait(string Host, TimeSpan Duration, string Message);

/// <summary>
/// What destinations tell the run while it goes, beside their results: for now, that it waits for one (a rate limit),
/// which would otherwise look like a hang. One per run (scoped); whoever runs the sync listens, destinations report.
/// </summary>
public sealed class DestinationSignals
{
    /// <summary>Called for each wait, on whichever thread waits; null when nobody listens.</summary>
    public Action<DestinationWait>? Waiting { get; set; }

    public void Report(DestinationWait wait) => Waiting?.Invoke(wait);
}
