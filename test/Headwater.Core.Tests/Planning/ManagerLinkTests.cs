using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class ManagerLinkTests
{
    /// <summary>A report of M1 as the connector gives one whose supervisor was not in the read.</summary>
    private static readonly Worker ReportOfAbsentManager = Worker("E1", manager: "M1") with
    {
        Issues = [new WorkerIssue("unknown-manager", "Supervisor 'M1' is not among the workers UKG returned; no manager is linked.")],
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_manager_missing_from_the_read_stays_linked_while_their_account_exists(bool managerActive)
    {
        var managerAccount = AccountOf(Worker("M1"), active: managerActive);
        var newReport = Worker("E2", manager: "M1");

        var plan = Plan([ReportOfAbsentManager, newReport], [AccountOf(ReportOfAbsentManager, managerWorkerId: "M1"), managerAccount]);

        Assert.DoesNotContain(plan.Changes, c => c.WorkerId == "E1");
        var created = Assert.Single(plan.Changes, c => c.WorkerId == "E2");
        Assert.Equal((ChangeKind.Create, "M1"), (created.Kind, created.ManagerWorkerId));
        Assert.Equal(ReasonCode.NotInSource, Assert.Single(plan.Changes, c => c.WorkerId == "M1").Code);
    }

    public static TheoryData<string, Worker[], KnownAccount[], ReasonCode, string> LinkChanges => new()
    {
        {
            "a new supervisor", [Worker("E1", manager: "M2"), Worker("M1"), Worker("M2")],
            [AccountOf(Worker("M1")), AccountOf(Worker("M2"))], ReasonCode.ManagerChanged, "UKG's supervisor changed from M1 to M2."
        },
        {
            "no supervisor", [Worker("E1"), Worker("M1")], [AccountOf(Worker("M1"))],
            ReasonCode.ManagerChanged, "UKG names no supervisor any more (was M1); the manager link is removed."
        },
        {
            "a new supervisor without an account", [Worker("E1", manager: "M2"), Worker("M1"), Worker("M2", LifecycleState.Terminated)],
            [AccountOf(Worker("M1"))], ReasonCode.ManagerChanged,
            "UKG's supervisor changed from M1 to M2; no manager is linked: supervisor M2 is terminated."
        },
        {
            "the same supervisor, now terminated", [Worker("E1", manager: "M1"), Worker("M1", LifecycleState.Terminated)], [],
            ReasonCode.ManagerUnlinked, "Manager M1 is unlinked: supervisor M1 is terminated."
        },
        {
            "the same supervisor, gone from UKG and the destination", [ReportOfAbsentManager], [],
            ReasonCode.ManagerUnlinked, "Manager M1 is unlinked: supervisor M1 is not in UKG's data."
        },
    };

    [Theory]
    [MemberData(nameof(LinkChanges))]
    public void A_link_that_changes_says_the_true_reason(string why, Worker[] workers, KnownAccount[] accounts, ReasonCode code, string reason)
    {
        var report = workers[0];

        var change = Assert.Single(Plan(workers, [AccountOf(report, managerWorkerId: "M1"), .. accounts]).Changes, c => c.WorkerId == "E1");

        Assert.Equal(ChangeKind.Update, change.Kind);
        Assert.True((code, reason) == (change.Code, change.Reason), $"{why}: {change.Code} {change.Reason}");
    }

    [Fact]
    public void A_manager_whose_account_now_exists_is_linked_saying_so()
    {
        var change = Plan([Worker("E1", manager: "M1"), Worker("M1")], [AccountOf(Worker("E1")), AccountOf(Worker("M1"))]).Single();

        Assert.Equal((ReasonCode.ManagerChanged, "Linked to manager M1."), (change.Code, change.Reason));
    }

    [Fact]
    public void Another_change_and_a_manager_change_are_both_said()
    {
        var report = Worker("E1", manager: "M2", lastName: "Smith");

        var change = Plan([report, Worker("M2")], [AccountOf(Worker("E1"), managerWorkerId: "M1"), AccountOf(Worker("M2"))]).Single();

        Assert.Equal(ReasonCode.Changed, change.Code);
        Assert.StartsWith("Changed in UKG: name.familyName, ", change.Reason, StringComparison.Ordinal);
        Assert.EndsWith(". UKG's supervisor changed from M1 to M2.", change.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<Worker[], string> Unlinkable => new()
    {
        { [Worker("M1", LifecycleState.Terminated)], "supervisor M1 is terminated" },
        { [Worker("M1", LifecycleState.PendingStart, since: Today.AddDays(30))], "supervisor M1 has not started yet (starts 2026-12-23)" },
        { [], "supervisor M1 is not in UKG's data" },
        { [Worker("M1", LifecycleState.Unknown)], "supervisor M1 has a status Headwater does not know" },
        { [Worker("M1", lastName: "Out")], "supervisor M1 is out of scope" },
    };

    [Theory]
    [MemberData(nameof(Unlinkable))]
    public void A_new_report_whose_supervisor_cannot_be_linked_is_created_saying_why(Worker[] managers, string why)
    {
        var plan = Plan([Worker("E1", manager: "M1"), .. managers], scope: Excluding("lastName", "Out"));

        var created = Assert.Single(plan.Changes, c => c.WorkerId == "E1");
        Assert.Equal((ChangeKind.Create, null), (created.Kind, created.ManagerWorkerId));
        Assert.Equal($"Active. No manager is linked: {why}.", created.Reason);
    }

    [Fact]
    public void A_worker_in_a_supervisor_loop_is_flagged_on_their_change()
    {
        var worker = Worker("E1", manager: "E2") with { Issues = [new WorkerIssue("manager-cycle", "E1 → E2 → E1")] };

        var change = Plan([worker, Worker("E2", manager: "E1")]).Changes.Single(c => c.WorkerId == "E1");

        Assert.EndsWith("No manager is linked: the supervisor chain loops.", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unlinked_supervisor_alone_changes_nothing_from_one_run_to_the_next()
    {
        var report = Worker("E1", manager: "M1");

        var plan = Plan([report, Worker("M1", LifecycleState.Terminated)], [AccountOf(report)]);

        Assert.Empty(plan.Changes);
    }
}
