using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class LifecycleRulesTests
{
    /// <summary>What the planner does for a worker in each state, with and without an account.</summary>
    [Theory]
    [InlineData(LifecycleState.Active, null, ChangeKind.Create)]
    [InlineData(LifecycleState.Rehired, null, ChangeKind.Create)]
    [InlineData(LifecycleState.TerminationScheduled, null, ChangeKind.Create)]
    [InlineData(LifecycleState.OnLeave, null, ChangeKind.Create)]
    [InlineData(LifecycleState.Suspended, null, ChangeKind.Create)]
    [InlineData(LifecycleState.Terminated, true, ChangeKind.Deactivate)]
    [InlineData(LifecycleState.Rehired, false, ChangeKind.Reactivate)]
    [InlineData(LifecycleState.Active, false, ChangeKind.Reactivate)]
    [InlineData(LifecycleState.Unknown, true, ChangeKind.Skip)]
    [InlineData(LifecycleState.Unknown, null, ChangeKind.Skip)]
    public void Each_state_leads_to_the_expected_change(LifecycleState state, bool? accountActive, ChangeKind expected)
    {
        var worker = Worker("E1", state, until: state == LifecycleState.TerminationScheduled ? Today.AddDays(5) : null);
        var accounts = accountActive is { } active ? [AccountOf(worker, active)] : Array.Empty<KnownAccount>();

        var change = Plan([worker], accounts).Single();

        Assert.Equal(expected, change.Kind);
    }

    [Fact]
    public void A_worker_already_terminated_when_first_seen_is_not_created()
    {
        var plan = Plan([Worker("E1", LifecycleState.Terminated)]);

        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void The_day_after_the_termination_date_the_account_is_deactivated_with_the_reason()
    {
        var worker = Worker("E1", LifecycleState.Terminated, since: Today.AddDays(-1)) with
        {
            Lifecycle = new Lifecycle(LifecycleState.Terminated, Today.AddDays(-1), null, "Termination date 2026-11-22 has passed."),
        };

        var change = Plan([worker], [AccountOf(worker)]).Single();

        Assert.Equal(ChangeKind.Deactivate, change.Kind);
        Assert.False(change.Active);
        Assert.Contains("2026-11-22", change.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CreateWhen.HireDate, 0, 5, NewAccountState.Active, null)]
    [InlineData(CreateWhen.HireDate, 7, 5, NewAccountState.Active, true)]
    [InlineData(CreateWhen.HireDate, 5, 5, NewAccountState.Active, true)]
    [InlineData(CreateWhen.HireDate, 4, 5, NewAccountState.Active, null)]
    [InlineData(CreateWhen.Appears, 0, 30, NewAccountState.Active, true)]
    [InlineData(CreateWhen.Appears, 0, 30, NewAccountState.PendingUntilStart, false)]
    [InlineData(CreateWhen.HireDate, 7, 5, NewAccountState.PendingUntilStart, false)]
    public void A_future_hire_is_created_when_the_policy_says_and_active_or_pending(CreateWhen when, int daysBefore, int startsInDays, NewAccountState state, bool? createdActive)
    {
        var worker = Worker("E1", LifecycleState.PendingStart, since: Today.AddDays(startsInDays));
        var policy = new SyncPolicy { CreateWhen = when, DaysBeforeHire = daysBefore, NewAccounts = state };

        var change = Plan([worker], policy: policy).Single();

        if (createdActive is { } active)
        {
            Assert.Equal(ChangeKind.Create, change.Kind);
            Assert.Equal(active, change.Active);
        }
        else
        {
            Assert.Equal(ChangeKind.Skip, change.Kind);
            Assert.Contains(Today.AddDays(startsInDays - daysBefore).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), change.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_pending_account_is_activated_once_the_start_date_arrives()
    {
        var worker = Worker("E1", LifecycleState.Active, since: Today);

        var change = Plan([worker], [AccountOf(worker, active: false)], new SyncPolicy { NewAccounts = NewAccountState.PendingUntilStart }).Single();

        Assert.Equal(ChangeKind.Reactivate, change.Kind);
        Assert.Equal("acct-E1", change.AccountId);
    }

    [Theory]
    [InlineData(LifecycleState.OnLeave, LeavePolicy.Deactivate, LeavePolicy.KeepActive, ChangeKind.Deactivate)]
    [InlineData(LifecycleState.OnLeave, LeavePolicy.KeepActive, LeavePolicy.Deactivate, null)]
    [InlineData(LifecycleState.Suspended, LeavePolicy.KeepActive, LeavePolicy.Deactivate, ChangeKind.Deactivate)]
    [InlineData(LifecycleState.Suspended, LeavePolicy.Deactivate, LeavePolicy.KeepActive, null)]
    public void Leave_and_suspension_follow_their_policy(LifecycleState state, LeavePolicy leave, LeavePolicy suspension, ChangeKind? expected)
    {
        var worker = Worker("E1", state);

        var plan = Plan([worker], [AccountOf(worker)], new SyncPolicy { Leave = leave, Suspension = suspension });

        Assert.Equal(expected, plan.Changes.SingleOrDefault()?.Kind);
    }

    [Fact]
    public void Returning_from_leave_reactivates_the_same_account()
    {
        var worker = Worker("E1", LifecycleState.Active);

        var change = Plan([worker], [AccountOf(worker, active: false)], new SyncPolicy { Leave = LeavePolicy.Deactivate }).Single();

        Assert.Equal((ChangeKind.Reactivate, "acct-E1"), (change.Kind, change.AccountId));
    }

    [Theory]
    [InlineData(40, 30, true)]
    [InlineData(30, 30, true)]
    [InlineData(10, 30, false)]
    public void A_terminated_account_is_deleted_only_after_the_grace_period(int deactivatedDaysAgo, int graceDays, bool deleted)
    {
        var worker = Worker("E1", LifecycleState.Terminated);
        var account = AccountOf(worker, active: false, deactivatedAt: Now.AddDays(-deactivatedDaysAgo));

        var plan = Plan([worker], [account], new SyncPolicy { DeleteAfter = TimeSpan.FromDays(graceDays) });

        Assert.Equal(deleted, plan.Changes.Any(c => c.Kind == ChangeKind.Delete && c.AccountId == "acct-E1"));
    }

    [Fact]
    public void A_rehire_within_the_grace_period_reactivates_instead_of_deleting()
    {
        var worker = Worker("E1", LifecycleState.Rehired);
        var account = AccountOf(worker, active: false, deactivatedAt: Now.AddDays(-40));

        var change = Plan([worker], [account], new SyncPolicy { DeleteAfter = TimeSpan.FromDays(30) }).Single();

        Assert.Equal(ChangeKind.Reactivate, change.Kind);
    }

    [Fact]
    public void Without_a_grace_period_nothing_is_ever_deleted()
    {
        var worker = Worker("E1", LifecycleState.Terminated);

        var plan = Plan([worker], [AccountOf(worker, active: false, deactivatedAt: Now.AddYears(-3))]);

        Assert.Empty(plan.Changes);
    }
}
