namespace Headwater.Core.Workers;

/// <summary>Where a worker stands, derived from status codes and dates in the tenant's time zone.</summary>
public enum LifecycleState
{
    Active,
    /// <summary>Hired (or rehired) with a start date still to come.</summary>
    PendingStart,
    /// <summary>Active, with a termination date today or later: access ends at the end of that day.</summary>
    TerminationScheduled,
    /// <summary>Active again after an earlier termination.</summary>
    Rehired,
    OnLeave,
    Suspended,
    Terminated,
    /// <summary>The source gave a status the engine does not know; nothing is deactivated on its account.</summary>
    Unknown,
}

/// <summary>A worker's state, the dates that bound it, and why, in words.</summary>
public sealed record Lifecycle(LifecycleState State, DateOnly? Since, DateOnly? Until, string Reason)
{
    /// <summary>True when the worker should have access today (not terminated, not yet to start, not unknown).</summary>
    public bool IsEmployed => State is LifecycleState.Active or LifecycleState.TerminationScheduled or LifecycleState.Rehired
        or LifecycleState.OnLeave or LifecycleState.Suspended;
}
