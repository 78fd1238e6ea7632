namespace Headwater.Data;

/// <summary>
/// An account Headwater knows in a destination: whose it is, whether Headwater created or adopted it (only those are
/// ever deactivated or deleted), and the values Headwater last wrote, by mapping target (JSON).
/// </summary>
public sealed class AccountRecord
{
    public required string Destination { get; set; }
    public required string AccountId { get; set; }
    public string? WorkerId { get; set; }
    public required string Ownership { get; set; }
    public bool Active { get; set; }
    public required string Values { get; set; }
    public string? ExternalId { get; set; }
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? ManagerWorkerId { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Where the account lives, for a destination that addresses accounts that way (an LDAP entry's DN).</summary>
    public string? Location { get; set; }

    /// <summary>For a destination that takes events: the worker's facts events are derived from, as of the last run
    /// (JSON), so the next run sees what changed since for this destination.</summary>
    public string? EventFacts { get; set; }
}

/// <summary>A group Headwater keeps in step in a destination, so that a group no one belongs to any more is emptied.</summary>
/// <remarks>Its members are <see cref="GroupMemberRecord"/>s: Headwater's own record, so a sync plans memberships without
/// reading the destination's groups (they are read on a first sync and on a reconcile).</remarks>
public sealed class GroupRecord
{
    public required string Destination { get; set; }
    public required string Name { get; set; }
    public required string GroupId { get; set; }
    public int Members { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A worker Headwater put in a group in a destination.</summary>
public sealed class GroupMemberRecord
{
    public required string Destination { get; set; }
    public required string Group { get; set; }
    public required string WorkerId { get; set; }
}

public enum SyncRunStatus
{
    /// <summary><c>headwater plan</c>: computed and shown, nothing applied.</summary>
    Planned,
    /// <summary>Over a safety limit: stopped before any change, waiting for <c>headwater sync --approve</c>.</summary>
    Blocked,
    Running,
    Succeeded,
    /// <summary>Applied, but some changes failed; the next run plans them again.</summary>
    CompletedWithFailures,
    /// <summary>The UKG read or the destination failed before anything was applied.</summary>
    Failed,
    /// <summary>Stopped midway (killed or crashed); the next run recovers its creates and converges.</summary>
    Interrupted,
    /// <summary>A service's run that was asked for and has not started yet.</summary>
    Queued,
}

/// <summary>One plan or sync of one destination: what it planned, what it applied, and how it ended.</summary>
public sealed class SyncRun
{
    public int Id { get; set; }
    public required string Destination { get; set; }
    public SyncRunStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int? ReadRunId { get; set; }
    public int Workers { get; set; }
    public int Creates { get; set; }
    public int Updates { get; set; }
    public int Deactivations { get; set; }
    public int Reactivations { get; set; }
    public int Deletions { get; set; }
    public int Skips { get; set; }
    public int Applied { get; set; }
    public int Failed { get; set; }

    /// <summary>The safety limits the plan broke, one per line.</summary>
    public string? Breaches { get; set; }

    /// <summary>The blocked run whose plan this run applied with approval.</summary>
    public int? ApprovesRunId { get; set; }
    public string? Error { get; set; }

    /// <summary>Where a destination that takes whole runs put this one (a file's path).</summary>
    public string? Delivery { get; set; }

    /// <summary>Whom the plan considered: everyone, or only the workers that changed since the run before.</summary>
    public PlanScope Planning { get; set; }

    /// <summary>The reads whose changes the plan saw: every read up to this id had finished when the workers were loaded.</summary>
    public int? ReadsThrough { get; set; }

    /// <summary>The configuration (and Headwater build) the plan was made with; a change means everyone is planned again.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>The service's run of the integration this was part of (null for the CLI's runs).</summary>
    public int? IntegrationRunId { get; set; }
}

/// <summary>Whom a run's plan considered.</summary>
public enum PlanScope
{
    /// <summary>Every stored worker.</summary>
    Everyone,
    /// <summary>Only the workers that changed since the last applied run (and those their decisions depend on): the
    /// destination was in step with that run, so no one else can plan differently.</summary>
    Changed,
    /// <summary>One worker, asked for by id.</summary>
    OneWorker,
}

public enum ChangeStatus { Planned, Applied, Failed, Blocked }

/// <summary>
/// One planned change for one worker in one run, and what became of it: the attributes' old and new values, the
/// reason in words, the worker values that drove it (JSON), and the error when it failed.
/// </summary>
public sealed class ChangeRecord
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public required string Destination { get; set; }
    public required string WorkerId { get; set; }
    public required string Kind { get; set; }
    public string? AccountId { get; set; }

    /// <summary>The reason's stable code (docs/sync.md), e.g. <c>hired</c>, <c>on_leave</c>, <c>out_of_scope</c>.</summary>
    public string Code { get; set; } = "";
    public required string Reason { get; set; }
    public required string Attributes { get; set; }
    public string? ManagerWorkerId { get; set; }
    public bool Active { get; set; }
    public required string Drivers { get; set; }
    public ChangeStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
}
