using Headwater.Core.Planning;
using Headwater.Core.Workers;

namespace Headwater.Core.Events;

/// <summary>
/// Derives the events of one worker in one run, as a pure function of the plan's change for them (if any) and the
/// worker's <see cref="EventFacts"/> as this destination last saw them and as they are now. It changes nothing and
/// reads nothing: the engine stores the events it returns with the run's records.
/// </summary>
/// <remarks>
/// A hire is sent when the account is created active or, when the lifecycle policy creates it inactive ahead of the
/// start date, when it is activated; a hire carries the whole record, so nothing else is sent with it. Lifecycle
/// events follow the worker's state in UKG rather than the account, so a leave is sent whether the policy deactivates
/// during a leave or not. A manager change is the supervisor in UKG, not the account link (which also changes when the
/// supervisor's account is created).
/// </remarks>
public static class EventDerivation
{
    public static IReadOnlyList<EmployeeEvent> Derive(string workerId, PlannedChange? change, EventFacts? before, EventFacts after,
        IReadOnlyDictionary<string, string?> attributes, int runId)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(attributes);
        var events = new List<EmployeeEvent>();
        void Add(string type, ReasonCode reason, IReadOnlyList<ValueChange>? changes = null, DateOnly? date = null)
        {
            if (!events.Exists(e => e.Type == type))
            {
                events.Add(new EmployeeEvent(type, workerId, reason, runId, attributes, changes ?? [], date));
            }
        }
        var kind = change is { IsChange: true } ? change.Kind : (ChangeKind?)null;
        if (kind == ChangeKind.Create)
        {
            // Created inactive before the start date: the hire is sent when the account is activated.
            if (change!.Active)
            {
                Add(change.Code == ReasonCode.Rehired ? EventTypes.Rehired : EventTypes.Hired, change.Code, date: after.Since);
            }
            return events;
        }
        if (kind == ChangeKind.Reactivate && change!.Code == ReasonCode.Activated && before?.State is null or LifecycleState.PendingStart)
        {
            Add(EventTypes.Hired, change.Code, date: after.Since);
            return events;
        }
        if (kind == ChangeKind.Reactivate && change!.Code == ReasonCode.Rehired
            || before?.State == LifecycleState.Terminated && after.State is LifecycleState.Rehired or LifecycleState.Active)
        {
            Add(EventTypes.Rehired, ReasonCode.Rehired, date: after.Since);
        }
        if (kind == ChangeKind.Deactivate && change!.Code == ReasonCode.Terminated
            || before is not null && before.State != LifecycleState.Terminated && after.State == LifecycleState.Terminated)
        {
            Add(EventTypes.Terminated, ReasonCode.Terminated, date: after.Until ?? after.Since);
        }
        if (before is not null && after.State != LifecycleState.Unknown)
        {
            Lifecycle(before, after, Add);
            Moves(before, after, Add);
        }
        if (kind is ChangeKind.Update or ChangeKind.Reactivate)
        {
            var changed = change!.Attributes.Where(a => !a.Name.Equals("manager", StringComparison.OrdinalIgnoreCase))
                .Select(a => new ValueChange(a.Name, a.Old, a.New)).ToList();
            if (changed.Count > 0)
            {
                Add(EventTypes.Updated, change.Code is ReasonCode.Adopted or ReasonCode.Changed ? change.Code : ReasonCode.Changed, changed);
            }
        }
        return events;
    }

    /// <summary>Leaves starting and ending, and terminations announced for a later date (or moved to another).</summary>
    private static void Lifecycle(EventFacts before, EventFacts after, Action<string, ReasonCode, IReadOnlyList<ValueChange>?, DateOnly?> add)
    {
        if (after.State == LifecycleState.OnLeave && before.State != LifecycleState.OnLeave)
        {
            add(EventTypes.LeaveStarted, ReasonCode.OnLeave, null, after.Since);
        }
        if (before.State == LifecycleState.OnLeave && after.State is not (LifecycleState.OnLeave or LifecycleState.Terminated))
        {
            add(EventTypes.LeaveEnded, ReasonCode.Returned, null, after.Since);
        }
        if (after.State == LifecycleState.TerminationScheduled
            && (before.State != LifecycleState.TerminationScheduled || before.Until != after.Until))
        {
            add(EventTypes.TerminationScheduled, ReasonCode.Changed, null, after.Until);
        }
    }

    /// <summary>Another supervisor in UKG, and another company, org level or location.</summary>
    private static void Moves(EventFacts before, EventFacts after, Action<string, ReasonCode, IReadOnlyList<ValueChange>?, DateOnly?> add)
    {
        if (!EventFacts.Same(before.ManagerId, after.ManagerId))
        {
            add(EventTypes.ManagerChanged, ReasonCode.ManagerChanged, [new ValueChange("managerId", before.ManagerId, after.ManagerId)], null);
        }
        if (after.WorksElsewhereThan(before))
        {
            List<ValueChange> moved = [];
            if (!EventFacts.Same(before.Company, after.Company))
            {
                moved.Add(new ValueChange("company", before.Company, after.Company));
            }
            if (!EventFacts.Same(before.OrgLevels, after.OrgLevels))
            {
                moved.Add(new ValueChange("orgLevels", before.OrgLevels, after.OrgLevels));
            }
            if (!EventFacts.Same(before.Location, after.Location))
            {
                moved.Add(new ValueChange("location", before.Location, after.Location));
            }
            add(EventTypes.Transferred, ReasonCode.Changed, moved, null);
        }
    }
}
