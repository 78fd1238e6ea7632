using Headwater.Data;
using Headwater.Notifications;
using Headwater.Syncing;

namespace Headwater.Integrations;

/// <summary>A run's progress: what it is doing, and for applying, changes done of the total.</summary>
public sealed record RunProgressView(string Phase, string? Destination, int Done, int Total, int Failed);

/// <summary>
/// Where an integration stands, as an administrator reads it: <c>Not connected</c> (UKG has never accepted its
/// connection), <c>Syncing</c> (with progress), <c>Connected</c> (the last success and the next run), <c>Error</c> (the
/// last run's error and what to do), or <c>Paused</c> (by hand, or a safety limit waiting for approval).
/// </summary>
public sealed record IntegrationStatus(string Status, string? Detail, string? Hint, RunProgressView? Progress,
    DateTimeOffset? LastSuccessAt, DateTimeOffset? NextRunAt, int? LastRunId)
{
    public const string NotConnected = "Not connected";
    public const string Syncing = "Syncing";
    public const string Connected = "Connected";
    public const string Error = "Error";
    public const string Paused = "Paused";

    /// <param name="record">The integration.</param>
    /// <param name="latest">Its latest run that has finished or is running, one-employee syncs included.</param>
    /// <param name="lastSuccess">When its last run that succeeded finished.</param>
    /// <param name="progress">How far its running run is.</param>
    public static IntegrationStatus Of(IntegrationRecord record, IntegrationRun? latest, DateTimeOffset? lastSuccess, SyncProgress? progress)
    {
        ArgumentNullException.ThrowIfNull(record);
        IntegrationStatus With(string status, string? detail, string? hint = null) =>
            new(status, detail, hint, null, lastSuccess, record.NextRunAt, latest?.Id);
        if (latest is { Status: SyncRunStatus.Running })
        {
            var view = progress is null ? null
                : new RunProgressView(progress.Phase.ToString(), progress.Destination, progress.Done, progress.Total, progress.Failed);
            return With(Syncing, $"Run {latest.Id} ({latest.Trigger}) started at {latest.StartedAt:u}.") with { Progress = view };
        }
        var path = $"/api/integrations/{Uri.EscapeDataString(record.Name)}";
        if (record.Paused)
        {
            return With(Paused, record.DisconnectedAt is { } at ? $"Disconnected at {at:u}." : "Paused by hand.",
                $"Resume it (POST {path}/resume) to sync on its schedule again.");
        }
        return latest?.Status switch
        {
            SyncRunStatus.Blocked => With(Paused, $"Run {latest.Id} was stopped by a safety limit before changing anything: {latest.Error}",
                $"Review its plan (GET /api/runs/{latest.Id}) and approve it (POST /api/runs/{latest.Id}/approve) if it is right."),
            SyncRunStatus.Failed or SyncRunStatus.CompletedWithFailures or SyncRunStatus.Interrupted =>
                With(Error, latest.Error ?? $"Run {latest.Id} ended {latest.Status}.", HintFor(latest)),
            _ when record.ConnectedAt is null => With(NotConnected, "UKG Pro has not yet accepted this integration's connection.",
                $"Test the connection (POST {path}/check) or sync now."),
            _ => With(Connected, lastSuccess is { } success ? $"Last synced successfully at {success:u}." : null),
        };
    }

    /// <summary>What to do about a run's failure, by its cause.</summary>
    public static string HintFor(IntegrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Enum.TryParse<FailureCause>(run.Cause, out var cause) ? cause switch
        {
            FailureCause.Credentials => FailureAdvice.UkgCredentials,
            FailureCause.Permission => FailureAdvice.UkgPermission,
            FailureCause.Unreachable => FailureAdvice.Unreachable,
            FailureCause.SourceReadFailed => FailureAdvice.ReadFailed,
            FailureCause.DestinationRefused => FailureAdvice.RecordRefused,
            FailureCause.Configuration => FailureAdvice.Configuration,
            FailureCause.Busy => "Another sync of the same destination was running (perhaps the CLI); the next run goes ahead.",
            _ => "See the run's report.",
        } : run.Status == SyncRunStatus.Interrupted ? "The service stopped during the run; the next run picks up where it stopped." : "See the run's report.";
    }
}
