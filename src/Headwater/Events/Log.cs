using Microsoft.Extensions.Logging;

namespace Headwater.Events;

/// <summary>The outbox's log messages (4xxx): destinations, event ids and types, never a body or an attribute.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "{Destination}: {Delivered} event(s) delivered, {Failed} failed attempt(s), {Dead} dead")]
    public static partial void Delivered(ILogger logger, string destination, int delivered, int failed, int dead);

    [LoggerMessage(4002, LogLevel.Warning, "{Destination}: event {EventId} ({Type}) attempt {Attempt} failed: {Status}")]
    public static partial void AttemptFailed(ILogger logger, string destination, string eventId, string type, int attempt, string status);

    [LoggerMessage(4003, LogLevel.Error, "{Destination}: event {EventId} is dead after {Attempts} attempts; replay it with headwater events replay")]
    public static partial void Dead(ILogger logger, string destination, string eventId, int attempts);

    [LoggerMessage(4004, LogLevel.Error, "{Destination}: the receiver answered 410 Gone; the subscription is disabled until its events are replayed")]
    public static partial void Disabled(ILogger logger, string destination);

    [LoggerMessage(4005, LogLevel.Error, "Delivering the events of integration {IntegrationId} failed; the next round tries again")]
    public static partial void RoundFailed(ILogger logger, Exception exception, int integrationId);

    [LoggerMessage(4006, LogLevel.Warning, "{Destination}: the contacts could not be emailed that the subscription was disabled")]
    public static partial void NotNotified(ILogger logger, Exception exception, string destination);
}
