using System.Text.Json;
using Headwater.Connectors.Ukg;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;
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
/// <remarks><c>Node</c> names the service that ran it where several share a PostgreSQL database (null on one node).</remarks>
public sealed record RunSummary(int Id, string Integration, string Trigger, string Status, string? WorkerId, bool FullRead,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? Seconds, RunCounts Counts,
    string? Cause, string? Error, RunProgressView? Progress, string? Node)
{
    public static RunSummary Of(IntegrationRun run, string integration, IReadOnlyList<SyncRun> destinations, SyncProgress? progress) =>
        new(run.Id, integration, run.Trigger.ToString(), run.Status.ToString(), run.WorkerId, run.FullRead, run.QueuedAt, run.StartedAt,
            run.FinishedAt, run.StartedAt is { } s && run.FinishedAt is { } f ? Math.Round((f - s).TotalSeconds, 3) : null,
            RunCounts.Of(destinations), run.Cause, run.Error,
            progress is null ? null : new RunProgressView(progress.Phase.ToString(), progress.Destination, progress.Done, progress.Total, progress.Failed),
            run.Node);
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

/// <summary>One UKG web service a connection check probed.</summary>
/// <param name="Service">The web service, as UKG's Service Account Administration names it.</param>
/// <param name="Endpoint">The path probed.</param>
/// <param name="Outcome"><c>Granted</c>, <c>Missing</c> (no View on it), <c>Unauthorized</c> (credentials refused) or
/// <c>Failing</c> (no usable answer: unreachable, wrong host, rate limited).</param>
/// <param name="Detail">What it means and what to do.</param>
public sealed record ProbeView(string Service, string Endpoint, string Outcome, string Detail)
{
    public static ProbeView Of(ProbeResult probe) => new(probe.Service, probe.Endpoint, probe.Outcome.ToString(), probe.Detail);
}

/// <summary>A UKG connection check of an integration.</summary>
/// <param name="Integration">The integration's name.</param>
/// <param name="Connected">UKG answered and accepted the credentials (a missing permission still counts).</param>
/// <param name="ConnectedAt">When UKG last accepted the credentials, this check included.</param>
/// <param name="Probes">Each web service a sync reads, in order.</param>
public sealed record ConnectionCheck(string Integration, bool Connected, DateTimeOffset? ConnectedAt, IReadOnlyList<ProbeView> Probes);

/// <summary>A test of one destination: reached with its settings and its credentials accepted, nothing changed in it.</summary>
/// <param name="Integration">The integration's name.</param>
/// <param name="Destination">The destination's name.</param>
/// <param name="Passed">The destination answered as a sync needs it to.</param>
/// <param name="Detail">What it answered (<c>GET Users answered 200 ...</c>) or what went wrong.</param>
/// <param name="Fix">When it failed, what to do.</param>
public sealed record DestinationCheckView(string Integration, string Destination, bool Passed, string Detail, string? Fix)
{
    public static DestinationCheckView Of(string integration, string destination, DestinationCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(integration, destination, result.Passed, result.Detail, result.Fix);
    }
}

/// <summary>What a plan would do in one destination, by kind of change.</summary>
/// <param name="Creates">New accounts.</param>
/// <param name="Updates">Accounts whose values change.</param>
/// <param name="Deactivations">Accounts deactivated.</param>
/// <param name="Reactivations">Accounts reactivated.</param>
/// <param name="Deletions">Accounts deleted.</param>
/// <param name="Skips">Workers left alone, each with a reason.</param>
public sealed record PlanCounts(int Creates, int Updates, int Deactivations, int Reactivations, int Deletions, int Skips)
{
    public static PlanCounts Of(Plan plan) => new(plan.Count(ChangeKind.Create), plan.Count(ChangeKind.Update),
        plan.Count(ChangeKind.Deactivate), plan.Count(ChangeKind.Reactivate), plan.Count(ChangeKind.Delete), plan.Count(ChangeKind.Skip));
}

/// <summary>One change of a plan: whose, what, and why (the code is stable: docs/sync.md).</summary>
/// <param name="WorkerId">The worker's UKG employee ID.</param>
/// <param name="Kind">Create, Update, Deactivate, Reactivate, Delete or Skip.</param>
/// <param name="Code">The reason's code.</param>
/// <param name="Reason">The reason in words.</param>
public sealed record PlannedChangeView(string WorkerId, string Kind, string Code, string Reason)
{
    public static PlannedChangeView Of(PlannedChange change) =>
        new(change.WorkerId, change.Kind.ToString(), change.Code.Wire(), change.Reason);
}

/// <summary>One destination's plan.</summary>
/// <param name="Destination">The destination's name.</param>
/// <param name="RunId">The recorded plan (a destination run with status Planned).</param>
/// <param name="Counts">The changes by kind.</param>
/// <param name="Breaches">The safety limits the plan breaks: a sync would stop for approval.</param>
/// <param name="ChangeCount">How many changes the plan holds, skips included.</param>
/// <param name="Changes">The first of them, in the order a sync applies them (skips last).</param>
public sealed record DestinationPlanView(string Destination, int RunId, PlanCounts Counts, IReadOnlyList<string> Breaches, int ChangeCount,
    IReadOnlyList<PlannedChangeView> Changes);

/// <summary>Something that stopped a plan or part of it.</summary>
/// <param name="Cause">Why, as a sync reports it (Credentials, Permission, Unreachable, SourceReadFailed, ...).</param>
/// <param name="Destination">The destination, when only one failed.</param>
/// <param name="Message">What happened and what to do.</param>
public sealed record FailureView(string Cause, string? Destination, string Message)
{
    public static FailureView Of(SyncFailure failure) => new(failure.Cause.ToString(), failure.Destination, failure.Message);
}

/// <summary>The UKG read a plan started with.</summary>
/// <param name="Mode">Full or Incremental.</param>
/// <param name="Workers">Workers stored after the read.</param>
/// <param name="Added">New since the read before.</param>
/// <param name="Changed">Changed since the read before.</param>
public sealed record ReadView(string Mode, int Workers, int Added, int Changed)
{
    public static ReadView Of(ReadRun read) => new(read.Mode, read.Workers, read.Added, read.Changed);
}

/// <summary>A plan preview: what a sync would do now, per destination, with nothing changed in any destination.</summary>
/// <param name="Integration">The integration's name.</param>
/// <param name="Read">The UKG read it started with; null when it did not read.</param>
/// <param name="Destinations">Each destination's plan.</param>
/// <param name="Failures">What stopped the plan or a destination's part of it; empty when nothing did.</param>
public sealed record PlanPreview(string Integration, ReadView? Read, IReadOnlyList<DestinationPlanView> Destinations,
    IReadOnlyList<FailureView> Failures);

/// <summary>A stored worker in a search.</summary>
/// <param name="Id">The UKG employee ID.</param>
/// <param name="EmployeeNumber">The employee number.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Email">The email, if any.</param>
/// <param name="State">The lifecycle state (Active, OnLeave, Terminated, ...).</param>
/// <param name="IssueCount">How many data problems the read found.</param>
/// <param name="ChangedAt">When the worker's data last changed.</param>
public sealed record WorkerListItem(string Id, string EmployeeNumber, string DisplayName, string? Email, string State, int IssueCount,
    DateTimeOffset ChangedAt)
{
    public static WorkerListItem Of(WorkerRecord worker) => new(worker.Id, worker.EmployeeNumber, worker.DisplayName, worker.Email,
        worker.State, worker.IssueCount, worker.ChangedAt);
}

/// <summary>A search of stored workers.</summary>
/// <param name="Total">How many match.</param>
/// <param name="Workers">The first of them, by name.</param>
public sealed record WorkerSearch(int Total, IReadOnlyList<WorkerListItem> Workers);
