namespace Headwater.Core.Planning;

/// <summary>
/// Why a change (or a skip) is planned, as a stable code beside the words, so an API, the UI and reports can filter
/// on it. One code per decision the planner makes; the wire form (<see cref="ReasonCodes.Wire"/>) is what is stored
/// and shown, so renaming a member never changes it.
/// </summary>
public enum ReasonCode
{
    /// <summary>A new account for a worker who is employed (active, on leave or suspended when the policy keeps
    /// them active, or leaving on a later date).</summary>
    Hired,
    /// <summary>A future hire's account is not created yet: it is due on a later date.</summary>
    StartsLater,
    /// <summary>A future hire's account is created before the start date, active or inactive until then.</summary>
    CreatedBeforeStart,
    /// <summary>A never-active account is activated: the start date has come, or is near enough.</summary>
    Activated,
    /// <summary>A rehired worker's account is created or reactivated.</summary>
    Rehired,
    /// <summary>A deactivated account is reactivated: the worker is back from leave or suspension, back in scope,
    /// or active again.</summary>
    Returned,
    /// <summary>Attributes changed in UKG are written to the account.</summary>
    Changed,
    /// <summary>Only the account's manager link changes: UKG names another supervisor (or none), or the supervisor's
    /// account now exists.</summary>
    ManagerChanged,
    /// <summary>Only the account's manager link changes: UKG names the same supervisor, who can no longer be linked
    /// (their account is gone, they are terminated or out of scope, or the supervisor chain loops).</summary>
    ManagerUnlinked,
    /// <summary>An existing account is matched to the worker and managed from now on.</summary>
    Adopted,
    /// <summary>The worker is terminated: the account is deactivated.</summary>
    Terminated,
    /// <summary>The worker is on leave and the policy deactivates (or creates no account) during a leave.</summary>
    OnLeave,
    /// <summary>The worker is suspended and the policy deactivates (or creates no account) during a suspension.</summary>
    Suspended,
    /// <summary>The worker left scope and the policy deactivates accounts out of scope.</summary>
    OutOfScope,
    /// <summary>A terminated worker's account was deactivated longer ago than the grace period: it is deleted.</summary>
    DeleteAfterGrace,
    /// <summary>Not created: another new account would have the same userName.</summary>
    DuplicateUserName,
    /// <summary>Not matched: several destination accounts match the worker's key.</summary>
    AmbiguousMatch,
    /// <summary>Not matched: the account matching the worker's key already belongs to another worker.</summary>
    AccountOwnedByOther,
    /// <summary>Not sent: a mapped value is invalid (outside its choices, or could not be computed).</summary>
    InvalidValue,
    /// <summary>UKG gave a status the engine does not know: nothing is changed.</summary>
    UnknownStatus,
    /// <summary>The account's worker is not in UKG's data: the account is left alone.</summary>
    NotInSource,
    /// <summary>A derived group the destination does not have yet is created.</summary>
    GroupCreated,
    /// <summary>Workers the group rules now put in a group are added to it.</summary>
    JoinedGroup,
    /// <summary>Members the group rules no longer put in a group (moved, out of scope, inactive) are removed.</summary>
    LeftGroup,
    /// <summary>Members that belong to no managed worker are removed: Headwater owns derived groups' members.</summary>
    NotInGroupRule,
    /// <summary>The integration was disconnected with its accounts deactivated; no plan decides this, an operator did.</summary>
    Disconnected,
}
