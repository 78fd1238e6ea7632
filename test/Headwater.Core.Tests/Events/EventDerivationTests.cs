using Headwater.Core.Events;
using Headwater.Core.Planning;
using Headwater.Core.Tests.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Events;

/// <summary>Each event from a real plan (the planner over the SCIM default mapping) and the worker's facts before and
/// after; one run id and the mapped attributes travel with every event.</summary>
public sealed class EventDerivationTests
{
    private const int RunId = 42;
    private static readonly Dictionary<string, string?> Attributes = new() { ["displayName"] = "Pat Doe" };

    private static IReadOnlyList<EmployeeEvent> Events(Worker before, Worker after, bool hadAccount = true, bool accountActive = true,
        SyncPolicy? policy = null)
    {
        var accounts = hadAccount ? [AccountOf(before, accountActive)] : Array.Empty<KnownAccount>();
        var change = Plan([after], accounts, policy).Changes.SingleOrDefault(c => c.WorkerId == after.Id);
        return EventDerivation.Derive(after.Id, change, hadAccount ? EventFacts.Of(before) : null, EventFacts.Of(after), Attributes, RunId);
    }

    private static string[] Types(IReadOnlyList<EmployeeEvent> events) => [.. events.Select(e => e.Type)];

    [Fact]
    public void A_new_worker_is_hired_with_their_attributes_reason_and_run()
    {
        var worker = Worker("E1", since: Today);

        var hired = Assert.Single(Events(worker, worker, hadAccount: false));

        Assert.Equal((EventTypes.Hired, "E1", ReasonCode.Hired, RunId), (hired.Type, hired.WorkerId, hired.Reason, hired.RunId));
        Assert.Equal("Pat Doe", hired.Attributes["displayName"]);
        Assert.Empty(hired.Changes);
    }

    [Fact]
    public void A_future_hire_created_inactive_is_hired_when_the_account_is_activated_not_before()
    {
        var start = Today.AddDays(3);
        var pending = Worker("E1", LifecycleState.PendingStart, since: start);
        var policy = Policy with { CreateWhen = CreateWhen.Appears, NewAccounts = NewAccountState.PendingUntilStart };

        Assert.Empty(Events(pending, pending, hadAccount: false, policy: policy));
        var started = Worker("E1", since: start);
        var hired = Assert.Single(Events(pending, started, accountActive: false, policy: policy));

        Assert.Equal((EventTypes.Hired, ReasonCode.Activated, start), (hired.Type, hired.Reason, hired.EffectiveDate));
    }

    [Fact]
    public void A_changed_attribute_is_an_update_with_old_and_new_values()
    {
        var before = Worker("E1");

        var updated = Assert.Single(Events(before, before with { LastName = "Rivera" }));

        Assert.Equal(EventTypes.Updated, updated.Type);
        Assert.Contains(new ValueChange("name.familyName", "Doe", "Rivera"), updated.Changes);
        Assert.Equal(ReasonCode.Changed, updated.Reason);
    }

    [Fact]
    public void Another_supervisor_in_UKG_is_a_manager_change_with_both_worker_ids()
    {
        var before = Worker("E1", manager: "M1");

        var events = Events(before, before with { ManagerId = "M2" });

        var changed = Assert.Single(events, e => e.Type == EventTypes.ManagerChanged);
        Assert.Equal([new ValueChange("managerId", "M1", "M2")], changed.Changes);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.Updated);
    }

    [Theory]
    [InlineData("company")]
    [InlineData("orgLevels")]
    [InlineData("location")]
    public void A_move_to_another_company_org_level_or_location_is_a_transfer(string moved)
    {
        var home = new Employment
        {
            CompanyId = "C1", CompanyCode = "HWF", StatusCode = "A", LocationCode = "BOS", OrgUnits = [new OrgUnit(2, "FIN", "Finance", null)],
        };
        var before = Worker("E1").WithPrimary(home);
        var after = before.WithPrimary(moved switch
        {
            "company" => home with { CompanyCode = "HWL" },
            "orgLevels" => home with { OrgUnits = [new OrgUnit(2, "OPS", "Operations", null)] },
            _ => home with { LocationCode = "NYC" },
        });

        // The SCIM mapping also sends the department (org level 2): that is an update beside the transfer.
        var transferred = Assert.Single(Events(before, after), e => e.Type != EventTypes.Updated);

        Assert.Equal(EventTypes.Transferred, transferred.Type);
        Assert.Equal(moved, Assert.Single(transferred.Changes).Name);
    }

    [Fact]
    public void A_leave_starts_and_ends_whether_or_not_the_policy_deactivates()
    {
        var active = Worker("E1");
        var onLeave = Worker("E1", LifecycleState.OnLeave, since: Today);
        var deactivating = Policy with { Leave = LeavePolicy.Deactivate };

        var kept = Assert.Single(Events(active, onLeave));
        var deactivated = Assert.Single(Events(active, onLeave, policy: deactivating));
        var back = Assert.Single(Events(onLeave, active with { Lifecycle = new Lifecycle(LifecycleState.Active, Today, null, "") },
            accountActive: false, policy: deactivating));

        Assert.Equal((EventTypes.LeaveStarted, Today), (kept.Type, kept.EffectiveDate));
        Assert.Equal(EventTypes.LeaveStarted, deactivated.Type);
        Assert.Equal((EventTypes.LeaveEnded, ReasonCode.Returned), (back.Type, back.Reason));
    }

    [Fact]
    public void A_termination_for_a_later_date_is_scheduled_then_terminated_on_the_day()
    {
        var active = Worker("E1");
        var last = Today.AddDays(14);
        var leaving = Worker("E1", LifecycleState.TerminationScheduled, until: last);
        var gone = Worker("E1", LifecycleState.Terminated, since: last);

        var scheduled = Assert.Single(Events(active, leaving));
        var moved = Assert.Single(Events(leaving, leaving with { Lifecycle = leaving.Lifecycle with { Until = last.AddDays(7) } }));
        var terminated = Assert.Single(Events(leaving, gone));

        Assert.Equal((EventTypes.TerminationScheduled, last), (scheduled.Type, scheduled.EffectiveDate));
        Assert.Equal((EventTypes.TerminationScheduled, last.AddDays(7)), (moved.Type, moved.EffectiveDate));
        Assert.Equal((EventTypes.Terminated, ReasonCode.Terminated), (terminated.Type, terminated.Reason));
    }

    [Fact]
    public void A_termination_while_deactivated_on_leave_is_still_sent()
    {
        var onLeave = Worker("E1", LifecycleState.OnLeave, since: Today.AddDays(-30));

        var events = Events(onLeave, Worker("E1", LifecycleState.Terminated, since: Today), accountActive: false,
            policy: Policy with { Leave = LeavePolicy.Deactivate });

        Assert.Equal([EventTypes.Terminated], Types(events));
    }

    [Fact]
    public void A_terminated_worker_hired_again_is_rehired()
    {
        var gone = Worker("E1", LifecycleState.Terminated, since: Today.AddDays(-90));

        var rehired = Assert.Single(Events(gone, Worker("E1", LifecycleState.Rehired, since: Today), accountActive: false));

        Assert.Equal((EventTypes.Rehired, ReasonCode.Rehired), (rehired.Type, rehired.Reason));
    }

    [Fact]
    public void A_worker_with_nothing_changed_has_no_event()
    {
        var worker = Worker("E1", manager: "M1");

        Assert.Empty(Events(worker, worker));
    }

    [Fact]
    public void Several_changes_at_once_are_one_event_each()
    {
        var before = Worker("E1", manager: "M1");
        var after = Worker("E1", LifecycleState.TerminationScheduled, until: Today.AddDays(10), manager: "M2", lastName: "Rivera");

        Assert.Equal([EventTypes.TerminationScheduled, EventTypes.ManagerChanged, EventTypes.Updated], Types(Events(before, after)));
    }
}
