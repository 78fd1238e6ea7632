using Headwater.Data;

namespace Headwater.Syncing;

/// <summary>
/// What one run is asked to do: plan only or apply; go ahead with the plan of a run a safety limit stopped
/// (<see cref="Approve"/>); read all of UKG, only what changed, or nothing; list each destination's accounts first
/// (<see cref="Reconcile"/>); one destination only; one worker only; every worker rather than those changed since
/// the last run (<see cref="Everyone"/>, see <see cref="PlanBasis"/>); the service's run it is part of
/// (<see cref="PartOf"/>), which each destination's run records; and, for a disconnect, every account Headwater
/// manages deactivated in place of the plan (<see cref="DeactivateAll"/>).
/// </summary>
public sealed record SyncRequest(bool Apply, int? Approve = null, bool FullRead = false, bool Reconcile = false, bool NoRead = false,
    string? Destination = null, string? Worker = null, bool Everyone = false, int? PartOf = null, bool DeactivateAll = false);

/// <summary>Why something failed, so a host can tell people what to do and a CLI which exit code to give.</summary>
public enum FailureCause
{
    /// <summary>The integration asks for something that cannot be (an unknown destination, an approval of the wrong run).</summary>
    Configuration,
    /// <summary>UKG or a destination refused the credentials.</summary>
    Credentials,
    /// <summary>A web-service permission (UKG) or a right in the destination is missing.</summary>
    Permission,
    /// <summary>No answer: the host is down, unknown, or timing out.</summary>
    Unreachable,
    /// <summary>The UKG read could not be completed (or returned too little to trust).</summary>
    SourceReadFailed,
    /// <summary>The destination refused a record (or could not be used as a whole for another reason).</summary>
    DestinationRefused,
    /// <summary>The plan broke a safety limit and waits for approval.</summary>
    SafetyLimit,
    /// <summary>Another run of the same destination is in progress.</summary>
    Busy,
}

/// <summary>One failure: its cause, in words, and where (a destination, a worker) when it is that narrow.</summary>
public sealed record SyncFailure(FailureCause Cause, string Message, string? Destination = null, string? WorkerId = null);

/// <summary>What a run is doing; <see cref="Waiting"/> is not a step of its own but a pause within the current one
/// (a destination asked the run to wait), with the reason in <see cref="SyncProgress.Text"/>.</summary>
public enum SyncPhase { Reading, Planning, Applying, Groups, Delivering, Waiting }

/// <summary>Where a run is: the phase, the destination, and how far (for applying: changes done of the total).</summary>
public sealed record SyncProgress(SyncPhase Phase, string? Destination = null, int Done = 0, int Total = 0, int Failed = 0, string? Text = null);

/// <summary>
/// What a run came to: the UKG read (null when it did not read), each destination's plan and outcome (a destination
/// that could not be used has none), and every failure by cause.
/// </summary>
public sealed record SyncResult(ReadRun? Read, IReadOnlyList<SyncOutcome> Destinations, IReadOnlyList<SyncFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;

    public bool Has(FailureCause cause) => Failures.Any(f => f.Cause == cause);
}
