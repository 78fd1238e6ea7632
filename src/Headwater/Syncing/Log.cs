using Headwater.Data;
using Microsoft.Extensions.Logging;

namespace Headwater.Syncing;

/// <summary>The engine's log messages, with stable event ids (1xxx). They name destinations, runs and worker ids,
/// never names, emails or a destination's error text (which may echo a person's data): that is in the run's record.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Sync started: {Destinations} destination(s), apply {Apply}, worker {Worker}")]
    public static partial void RunStarted(ILogger logger, int destinations, bool apply, string? worker);

    [LoggerMessage(1002, LogLevel.Information, "UKG read {Mode}: {Workers} workers, {Calls} calls")]
    public static partial void ReadFinished(ILogger logger, string mode, int workers, int calls);

    [LoggerMessage(1003, LogLevel.Error, "UKG read failed ({Cause}); no destination was touched")]
    public static partial void ReadFailed(ILogger logger, FailureCause cause);

    [LoggerMessage(1004, LogLevel.Information, "{Destination} run {RunId} planned: {Creates} creates, {Updates} updates, " +
        "{Deactivations} deactivations, {Reactivations} reactivations, {Deletions} deletions, {GroupChanges} group changes")]
    public static partial void Planned(ILogger logger, string destination, int runId, int creates, int updates, int deactivations,
        int reactivations, int deletions, int groupChanges);

    [LoggerMessage(1005, LogLevel.Warning, "{Destination} run {RunId} stopped by a safety limit; it waits for approval")]
    public static partial void Blocked(ILogger logger, string destination, int runId);

    [LoggerMessage(1006, LogLevel.Warning, "{Destination}: {Kind} of worker {WorkerId} failed (see the run's record)")]
    public static partial void ChangeFailed(ILogger logger, string destination, string kind, string workerId);

    [LoggerMessage(1007, LogLevel.Information, "{Destination} run {RunId} {Status}: {Applied} applied, {Failed} failed")]
    public static partial void RunFinished(ILogger logger, string destination, int runId, SyncRunStatus status, int applied, int failed);

    [LoggerMessage(1008, LogLevel.Error, "{Destination} could not be used ({Cause})")]
    public static partial void DestinationFailed(ILogger logger, string destination, FailureCause cause);

    [LoggerMessage(1009, LogLevel.Information, "{Destination}: waiting {Seconds} s for {Host}, which asked the run to wait")]
    public static partial void Waiting(ILogger logger, string destination, string host, double seconds);

    [LoggerMessage(1010, LogLevel.Information, "{Destination} run {RunId}: {Events} event(s) written to the outbox")]
    public static partial void EventsWritten(ILogger logger, string destination, int runId, int events);
}
