using System.Text.Json;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Syncing;

namespace Headwater.Service;

/// <summary>An integration in a list: its name, revision and status.</summary>
public sealed record IntegrationSummary(string Name, int Revision, IntegrationStatus Status, DateTimeOffset UpdatedAt);

/// <summary>One integration: its configuration as stored (secrets as their <c>${VAR}</c> references only), the
/// variables that have a stored value (their names, never the values), and its status.</summary>
public sealed record IntegrationDetail(string Name, int Revision, IntegrationStatus Status, JsonElement Configuration,
    IReadOnlyList<string> StoredVariables, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A create or update: the integration as JSON (the same shape as its YAML file), and the values of the
/// <c>${VAR}</c> references it makes. A reference left out of <see cref="Values"/> keeps its stored value.</summary>
public sealed record IntegrationWrite(JsonElement Configuration, IReadOnlyDictionary<string, string>? Values);

/// <summary>What a write changed (or, dry, would change), value by value; secrets only as changed or kept.</summary>
public sealed record IntegrationChangeView(string Name, string Kind, IReadOnlyList<string> Changes)
{
    public static IntegrationChangeView Of(IntegrationChange change) =>
        new(change.Name, change.Kind.ToString(), [.. change.Attributes.Select(a => a.ToString())]);
}

/// <summary>A disconnect: stop syncing; with <see cref="DeactivateAccounts"/>, deactivate every account Headwater
/// created or adopted, which needs <see cref="Confirm"/> to repeat the integration's name.</summary>
public sealed record DisconnectRequest(bool DeactivateAccounts, string? Confirm);

/// <summary>What a run planned and did, summed over its destinations.</summary>
public sealed record RunCounts(int Creates, int Updates, int Deactivations, int Reactivations, int Deletions, int Skips, int Applied, int Failed)
{
    public static RunCounts Of(IReadOnlyList<SyncRun> runs) => new(runs.Sum(r => r.Creates), runs.Sum(r => r.Updates),
        runs.Sum(r => r.Deactivations), runs.Sum(r => r.Reactivations), runs.Sum(r => r.Deletions), runs.Sum(r => r.Skips),
        runs.Sum(r => r.Applied), runs.Sum(r => r.Failed));
}

/// <summary>A run of an integration by the service: why, how it ended, how long it took and what it did.</summary>
public sealed record RunSummary(int Id, string Integration, string Trigger, string Status, string? WorkerId, bool FullRead,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? Seconds, RunCounts Counts,
    string? Cause, string? Error, RunProgressView? Progress)
{
    public static RunSummary Of(IntegrationRun run, string integration, IReadOnlyList<SyncRun> destinations, SyncProgress? progress) =>
        new(run.Id, integration, run.Trigger.ToString(), run.Status.ToString(), run.WorkerId, run.FullRead, run.QueuedAt, run.StartedAt,
            run.FinishedAt, run.StartedAt is { } s && run.FinishedAt is { } f ? Math.Round((f - s).TotalSeconds, 3) : null,
            RunCounts.Of(destinations), run.Cause, run.Error,
            progress is null ? null : new RunProgressView(progress.Phase.ToString(), progress.Destination, progress.Done, progress.Total, progress.Failed));
}

/// <summary>One destination's part of a run.</summary>
public sealed record DestinationRunView(int Id, string Destination, string Status, string Planning, int Workers, RunCounts Counts,
    IReadOnlyList<string> Breaches, string? Error)
{
    public static DestinationRunView Of(SyncRun run) => new(run.Id, run.Destination, run.Status.ToString(), run.Planning.ToString(),
        run.Workers, RunCounts.Of([run]), run.Breaches?.Split(Environment.NewLine) ?? [], run.Error);
}

/// <summary>What a run decided for one worker in one destination, and why (the reason's code is stable: docs/sync.md).</summary>
public sealed record WorkerOutcome(string Destination, string WorkerId, string Kind, string Code, string Reason, string Status,
    string? AccountId, string? Error, DateTimeOffset? AppliedAt)
{
    public static WorkerOutcome Of(ChangeRecord change) => new(change.Destination, change.WorkerId, change.Kind, change.Code, change.Reason,
        change.Status.ToString(), change.AccountId, change.Error, change.AppliedAt);
}

/// <summary>One run: its summary, each destination's part, and the per-worker outcomes asked for (a page of them).</summary>
public sealed record RunDetail(RunSummary Run, IReadOnlyList<DestinationRunView> Destinations, int OutcomeCount,
    IReadOnlyList<WorkerOutcome> Outcomes);

/// <summary>A run accepted: its id and where to follow it.</summary>
public sealed record RunAccepted(int RunId, string Location);
