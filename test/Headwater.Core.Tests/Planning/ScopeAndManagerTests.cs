using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class ScopeAndManagerTests
{
    [Theory]
    [InlineData(OutOfScopePolicy.Deactivate, true, ChangeKind.Deactivate)]
    [InlineData(OutOfScopePolicy.Ignore, true, null)]
    [InlineData(OutOfScopePolicy.Deactivate, false, null)]
    public void A_worker_leaving_scope_is_deactivated_only_when_the_policy_says(OutOfScopePolicy policy, bool hasAccount, ChangeKind? expected)
    {
        var worker = Worker("E1").WithPrimary(new Employment { CompanyId = "C1", StatusCode = "A", EmployeeType = "INT" });
        var scope = Excluding("primary.employeeType", "INT");

        var plan = Plan([worker], hasAccount ? [AccountOf(worker)] : [], new SyncPolicy { OutOfScope = policy }, scope);

        Assert.Equal(expected, plan.Changes.SingleOrDefault()?.Kind);
        if (expected is not null)
        {
            Assert.Equal(ReasonCode.OutOfScope, plan.Single().Code);
            Assert.Contains("primary.employeeType is 'INT', which the scope excludes", plan.Single().Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_new_hire_and_their_new_manager_are_created_in_one_run_manager_first()
    {
        var manager = Worker("M1");
        var report = Worker("E1", manager: "M1");

        var plan = Plan([report, manager]);

        Assert.Equal(["M1", "E1"], plan.Changes.Select(c => c.WorkerId));
        Assert.Equal("M1", plan.Changes[1].ManagerWorkerId);
    }

    [Fact]
    public void A_manager_out_of_scope_is_not_linked_and_is_linked_once_in_scope()
    {
        var manager = Worker("M1");
        var report = Worker("E1", manager: "M1");
        var before = Plan([report, manager], [AccountOf(report)], scope: Excluding("id", "M1"));
        Assert.Empty(before.Changes);

        var after = Plan([report, manager], [AccountOf(report)]);

        var update = Assert.Single(after.Changes, c => c.WorkerId == "E1");
        Assert.Equal(ChangeKind.Update, update.Kind);
        Assert.Equal(new AttributeChange("manager", null, "M1"), Assert.Single(update.Attributes));
    }

    [Fact]
    public void A_manager_who_has_no_account_and_will_not_get_one_is_not_linked_so_the_link_is_not_planned_every_run()
    {
        var gone = Worker("M1", LifecycleState.Terminated);
        var starting = Worker("M2", LifecycleState.PendingStart, since: Today.AddDays(30));
        var deactivated = Worker("M3", LifecycleState.Terminated);
        var reports = new[] { Worker("E1", manager: "M1"), Worker("E2", manager: "M2"), Worker("E3", manager: "M3") };

        var plan = Plan([.. reports, gone, starting, deactivated], [AccountOf(deactivated, active: false)]);

        Assert.Null(plan.Changes.Single(c => c.WorkerId == "E1").ManagerWorkerId);
        Assert.Null(plan.Changes.Single(c => c.WorkerId == "E2").ManagerWorkerId);
        Assert.Equal("M3", plan.Changes.Single(c => c.WorkerId == "E3").ManagerWorkerId);
        var next = Plan([.. reports, gone, starting, deactivated], [.. reports.Select(r => AccountOf(r, managerWorkerId: r.ManagerId == "M3" ? "M3" : null)), AccountOf(deactivated, active: false)]);
        Assert.DoesNotContain(next.Changes, c => c.IsChange);
    }

    [Fact]
    public void A_manager_whose_create_is_skipped_for_a_shared_userName_is_not_linked_and_nothing_churns()
    {
        var kept = Worker("M1", email: "shared@example.com");
        var skipped = Worker("M2", email: "shared@example.com");
        var report = Worker("E1", manager: "M2");
        var moved = Worker("E2", manager: "M2");

        var first = Plan([kept, skipped, report, moved], [AccountOf(moved, managerWorkerId: "M1")]);

        Assert.Null(first.Changes.Single(c => c.WorkerId == "E1").ManagerWorkerId);
        var unlinked = first.Changes.Single(c => c.WorkerId == "E2");
        Assert.Equal(ChangeKind.Update, unlinked.Kind);
        Assert.Equal(new AttributeChange("manager", "M1", null), Assert.Single(unlinked.Attributes));
        Assert.Equal(ReasonCode.ManagerChanged, unlinked.Code);
        Assert.Equal("UKG's supervisor changed from M1 to M2; no manager is linked: supervisor M2 has no account.", unlinked.Reason);
        var next = Plan([kept, skipped, report, moved], [AccountOf(kept), AccountOf(report), AccountOf(moved)]);
        Assert.DoesNotContain(next.Changes, c => c.IsChange);
    }

    [Fact]
    public void A_manager_whose_account_this_plan_deletes_is_unlinked_from_their_reports()
    {
        var gone = Worker("M1", LifecycleState.Terminated);
        var report = Worker("E1", manager: "M1");
        var policy = new SyncPolicy { DeleteAfter = TimeSpan.FromDays(30) };

        KnownAccount[] accounts = [AccountOf(report, managerWorkerId: "M1"), AccountOf(gone, active: false, deactivatedAt: Now.AddDays(-60))];

        var plan = Plan([report, gone], accounts, policy);

        Assert.Equal([ChangeKind.Update, ChangeKind.Delete], plan.Changes.Select(c => c.Kind));
        Assert.Equal(new AttributeChange("manager", "M1", null), Assert.Single(plan.Changes[0].Attributes));
    }

    [Fact]
    public void A_manager_in_a_supervisor_loop_is_not_linked()
    {
        var worker = Worker("E1", manager: "E2") with { Issues = [new WorkerIssue("manager-cycle", "E1 → E2 → E1")] };

        var change = Plan([worker, Worker("E2", manager: "E1")]).Changes.First(c => c.WorkerId == "E1");

        Assert.Null(change.ManagerWorkerId);
    }

    [Fact]
    public void A_changed_attribute_is_updated_with_its_old_and_new_value()
    {
        var before = Worker("E1", lastName: "Doe");
        var after = Worker("E1", lastName: "Smith");

        var change = Plan([after], [AccountOf(before)]).Single();

        Assert.Equal(ChangeKind.Update, change.Kind);
        Assert.Contains(new AttributeChange("name.familyName", "Doe", "Smith"), change.Attributes);
        Assert.Contains("name.familyName", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void On_create_attributes_are_not_updated_and_ignored_empty_values_leave_the_destination_alone()
    {
        var mapper = Mapper.Create([
            new AttributeMapping("nickName", "firstName", MappingApplies.OnCreate),
            new AttributeMapping("title", "primary.jobTitle", WhenEmpty: WhenEmpty.Ignore),
            new AttributeMapping("locale", "primary.locationCode", WhenEmpty: WhenEmpty.Clear),
        ]);
        var worker = (Worker("E1") with { FirstName = "Robin" }).WithPrimary(new Employment { CompanyId = "C1", StatusCode = "A" });
        var account = new KnownAccount("acct-E1", "E1", Ownership.Created, true,
            new Dictionary<string, string?> { ["nickName"] = "Pat", ["title"] = "Analyst", ["locale"] = "BOS" });

        var change = Plan([worker], [account], mapper: mapper).Single();

        Assert.Equal([new AttributeChange("locale", "BOS", null)], change.Attributes);
    }

    [Fact]
    public void A_value_outside_its_choices_stops_the_create_but_not_a_deactivation()
    {
        var mapper = Mapper.Create([new AttributeMapping("userType", "primary.employeeType", Choices: ["Employee", "Contractor"])]);
        var hire = Worker("E1").WithPrimary(new Employment { CompanyId = "C1", StatusCode = "A", EmployeeType = "REG" });
        var leaver = Worker("E2", LifecycleState.Terminated).WithPrimary(hire.Primary);

        var plan = Plan([hire, leaver], [AccountOf(leaver) with { Values = new Dictionary<string, string?>() }], mapper: mapper);

        var skipped = Assert.Single(plan.Changes, c => c.WorkerId == "E1");
        Assert.Equal(ChangeKind.Skip, skipped.Kind);
        Assert.Contains("'REG'", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(ChangeKind.Deactivate, Assert.Single(plan.Changes, c => c.WorkerId == "E2").Kind);
    }

    [Fact]
    public void Planning_twice_from_the_same_inputs_gives_the_same_plan()
    {
        var workers = new[] { Worker("M1"), Worker("E1", manager: "M1"), Worker("E2", LifecycleState.Terminated) };
        var accounts = new[] { AccountOf(workers[2]) };

        Assert.Equal(Plan(workers, accounts).Changes, Plan(workers, accounts).Changes, new ChangeComparer());
    }

    private sealed class ChangeComparer : IEqualityComparer<PlannedChange>
    {
        public bool Equals(PlannedChange? x, PlannedChange? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.WorkerId == y.WorkerId && x.AccountId == y.AccountId
            && x.Reason == y.Reason && x.Attributes.SequenceEqual(y.Attributes);

        public int GetHashCode(PlannedChange obj) => HashCode.Combine(obj.Kind, obj.WorkerId);
    }
}
