using Headwater.Core.Events;

namespace Headwater.Core.Destinations;

/// <summary>An event as it is sent, every time: its id (the same on every attempt and replay, so a receiver can
/// deduplicate), its type and its body, exactly as first written.</summary>
public sealed record OutgoingEvent(string Id, string Type, string Body);

/// <summary>What one attempt to send an event came to. <see cref="RetryAfter"/> is how long the receiver asked to be
/// left alone (429 or 503 with Retry-After); <see cref="Gone"/> that it answered 410 and wants nothing more.</summary>
public sealed record PostResult(bool Delivered, int? StatusCode, string? Error = null, TimeSpan? RetryAfter = null, bool Gone = false)
{
    public static PostResult Ok(int statusCode) => new(true, statusCode);
}

/// <summary>
/// Takes events rather than accounts (a webhook): the engine derives them from each run, keeps them in an outbox with
/// the run's records, and posts them one by one, in order per worker, until each is taken. A destination with this
/// capability holds no accounts; Headwater's record of who it has told what is all there is.
/// </summary>
public interface IEventReceiver : IDestination
{
    /// <summary>The event types wanted (<see cref="EventTypes"/>); others are never written.</summary>
    IReadOnlySet<string> Events { get; }

    /// <summary>The body sent for <paramref name="employeeEvent"/>, made once when the event is written.</summary>
    string Body(EmployeeEvent employeeEvent, string id, DateTimeOffset at);

    /// <summary>One attempt. Never throws for a failure the receiver or the network caused: it is returned.</summary>
    Task<PostResult> Post(OutgoingEvent outgoing, CancellationToken cancellationToken = default);
}
