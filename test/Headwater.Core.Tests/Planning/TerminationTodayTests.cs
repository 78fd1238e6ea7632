using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class TerminationTodayTests
{
    private static readonly Employment Terminated = new() { CompanyId = "C1", StatusCode = "T", TerminationDate = Today };

    private static Worker Leaving(DateOnly on, string status = "T") =>
        Worker("E1", LifecycleState.TerminationScheduled, until: on).WithPrimary(Terminated with { StatusCode = status, TerminationDate = on });

    [Theory]
    [InlineData(TerminationToday.AtOnce, "T", 0, true, ChangeKind.Deactivate)]
    [InlineData(TerminationToday.EndOfDay, "T", 0, true, null)]
    [InlineData(TerminationToday.AtOnce, "A", 0, true, ChangeKind.Deactivate)]
    [InlineData(TerminationToday.EndOfDay, "A", 0, true, null)]
    [InlineData(TerminationToday.AtOnce, "T", 3, true, null)]
    [InlineData(TerminationToday.AtOnce, "A", 3, true, null)]
    [InlineData(TerminationToday.AtOnce, "T", 0, false, null)]
    [InlineData(TerminationToday.EndOfDay, "T", 0, false, null)]
    [InlineData(TerminationToday.EndOfDay, "A", 0, false, null)]
    [InlineData(TerminationToday.AtOnce, "T", 3, false, null)]
    [InlineData(TerminationToday.AtOnce, "A", 3, false, ChangeKind.Create)]
    public void A_termination_dated_today_ends_access_as_the_policy_says_and_never_creates_an_account(
        TerminationToday when, string status, int leavesInDays, bool hasActiveAccount, ChangeKind? expected)
    {
        var worker = Leaving(Today.AddDays(leavesInDays), status);
        var accounts = hasActiveAccount ? [AccountOf(worker)] : Array.Empty<KnownAccount>();

        var plan = Plan([worker], accounts, Policy with { TerminationToday = when });

        Assert.Equal(expected, plan.Changes.SingleOrDefault()?.Kind);
    }

    [Fact]
    public void Access_ending_at_once_is_a_termination_that_says_so()
    {
        var worker = Leaving(Today);

        var change = Plan([worker], [AccountOf(worker)]).Single();

        Assert.Equal((ChangeKind.Deactivate, ReasonCode.Terminated, false), (change.Kind, change.Code, change.Active));
        Assert.EndsWith("Access ends at once, on the termination day.", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deactivation_carries_what_changed_in_UKG_with_it()
    {
        var before = Worker("E1");
        var worker = Leaving(Today).WithPrimary(Terminated with { JobTitle = "Senior Analyst" });

        var change = Plan([worker], [AccountOf(before)]).Single();

        Assert.Equal(ChangeKind.Deactivate, change.Kind);
        var title = Assert.Single(change.Attributes, a => a.Name == "title");
        Assert.Equal(("Analyst", "Senior Analyst"), (title.Old, title.New));
    }

    [Fact]
    public void An_account_deactivated_before_the_last_day_is_not_reactivated_for_it()
    {
        var worker = Leaving(Today);

        var plan = Plan([worker], [AccountOf(worker, active: false, deactivatedAt: Now.AddDays(-10))],
            Policy with { TerminationToday = TerminationToday.EndOfDay });

        Assert.Empty(plan.Changes);
    }

    [Theory]
    [InlineData("T")]
    [InlineData("R")]
    [InlineData(" t ")]
    public void A_worker_whose_status_is_terminated_or_released_is_never_given_a_new_account_whatever_their_dates(string status)
    {
        var worker = Worker("E1").WithPrimary(new Employment { CompanyId = "C1", StatusCode = status });

        Assert.Empty(Plan([worker]).Changes);
    }

    [Fact]
    public void A_terminated_manager_without_an_account_is_not_linked_to_a_new_report()
    {
        var manager = Leaving(Today) with { Id = "M1" };
        var report = Worker("E1", manager: "M1");

        var change = Plan([report, manager]).Single();

        Assert.Equal((ChangeKind.Create, null), (change.Kind, change.ManagerWorkerId));
    }
}
