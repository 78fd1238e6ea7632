namespace Headwater.Core.Events;

/// <summary>The event types a webhook subscribes to, as written in <c>events:</c> and sent as <c>type</c>.</summary>
public static class EventTypes
{
    public const string Hired = "employee.hired";
    public const string Updated = "employee.updated";
    public const string ManagerChanged = "employee.manager_changed";
    public const string Transferred = "employee.transferred";
    public const string LeaveStarted = "employee.leave_started";
    public const string LeaveEnded = "employee.leave_ended";
    public const string TerminationScheduled = "employee.termination_scheduled";
    public const string Terminated = "employee.terminated";
    public const string Rehired = "employee.rehired";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Hired, Updated, ManagerChanged, Transferred, LeaveStarted, LeaveEnded, TerminationScheduled, Terminated, Rehired];
}
