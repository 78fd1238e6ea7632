using Headwater.Data;
using Microsoft.Extensions.Logging;

namespace Headwater.Scheduling;

/// <summary>The service's scheduling messages, with stable event ids (2xxx). They name integrations and runs only.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Integration {Integration} run {RunId} started ({Trigger})")]
    public static partial void IntegrationRunStarted(ILogger logger, string integration, int runId, RunTrigger trigger);

    [LoggerMessage(2002, LogLevel.Information, "Integration {Integration} run {RunId} {Status}")]
    public static partial void IntegrationRunFinished(ILogger logger, string integration, int runId, SyncRunStatus status);

    [LoggerMessage(2003, LogLevel.Information, "Integration {Integration} next runs at {NextRunAt:u}")]
    public static partial void Scheduled(ILogger logger, string integration, DateTimeOffset nextRunAt);

    [LoggerMessage(2004, LogLevel.Warning, "Integration {Integration} is not scheduled: its stored configuration is not valid")]
    public static partial void NotSchedulable(ILogger logger, string integration);

    [LoggerMessage(2005, LogLevel.Warning, "Run {RunId} was left running by a service that stopped; it is marked interrupted")]
    public static partial void Orphaned(ILogger logger, int runId);

    [LoggerMessage(2006, LogLevel.Error, "Integration {IntegrationId} could not be started at its scheduled time")]
    public static partial void WakeUpFailed(ILogger logger, int integrationId, Exception exception);
}
