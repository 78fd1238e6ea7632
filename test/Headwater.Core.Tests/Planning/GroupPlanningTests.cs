using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class GroupPlanningTests
{
    private static readonly GroupRules Departments = GroupRules.Create([new GroupRule("primary.orgLevel2.name", "Department: {}")]);

    private static readonly Worker Ann = InDepartment("E1", "Sales");
    private static readonly Worker Bo = InDepartment("E2", "Sales");
    private static readonly Worker Cy = InDepartment("E3", "Support");

    /// <summary>The record after a sync of Ann and Bo in Sales and Cy in Support.</summary>
    private static readonly KnownGroup[] InStep =
        [Known("Department: Sales", "g-sales", "E1", "E2"), Known("Department: Support", "g-support", "E3")];

    private static readonly KnownAccount[] Synced = [.. new[] { Ann, Bo, Cy }.Select(w => AccountOf(w))];

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["A first plan creates the groups and adds their members"] = new([Ann, Bo, Cy], Synced, [], null,
        [
            "Create Department: Sales#new (group_created)", "AddMembers Department: Sales#new E1 E2 (joined_group)",
            "Create Department: Support#new (group_created)", "AddMembers Department: Support#new E3 (joined_group)",
        ]),
        ["Nothing is planned when the record matches, ignoring the case of names and ids"] = new([Ann, Bo, Cy], Synced,
            [Known("department: SALES", "g-sales", "e1", "E2"), InStep[1]], null, []),
        ["A transfer moves the worker between department groups"] = new([InDepartment("E1", "Support"), Bo, Cy], Synced, InStep, null,
        [
            "RemoveMembers Department: Sales#g-sales E1 (left_group)", "AddMembers Department: Support#g-support E1 (joined_group)",
        ]),
        ["A deactivated worker leaves their groups"] =
            new([Ann, Bo with { Lifecycle = Lifecycle(LifecycleState.Terminated) }, Cy], Synced, InStep, null, ["RemoveMembers Department: Sales#g-sales E2 (left_group)"]),
        ["A new hire created in the same plan joins"] = new([Ann, Bo, Cy, InDepartment("E4", "Support")], Synced, InStep, null,
            ["AddMembers Department: Support#g-support E4 (joined_group)"]),
        ["A future hire created inactive does not join until the account is active"] = new([Ann, Bo, Cy,
            InDepartment("E4", "Support") with { Lifecycle = new(LifecycleState.PendingStart, Today.AddDays(3), null, "Starts soon.") }],
            Synced, InStep, null, []),
        ["A new hire whose create is refused for a shared userName does not join"] =
            new([Ann, Bo, Cy, InDepartment("E4", "Support") with { Email = "e3@example.com" }], Synced[..2], [InStep[0]], null,
            ["Create Department: Support#new (group_created)", "AddMembers Department: Support#new E3 (joined_group)"]),
        ["Other accounts found on reconcile are removed"] = new([Ann, Bo, Cy], Synced,
            [InStep[0] with { OtherMemberAccountIds = ["stranger-2", "stranger-1"] }, InStep[1]], null,
            ["RemoveMembers Department: Sales#g-sales stranger-1 stranger-2 (not_in_group_rule)"]),
        ["An emptied group is emptied, not deleted"] = new([Ann, Bo, InDepartment("E3", "Sales")], Synced, InStep, null,
        [
            "AddMembers Department: Sales#g-sales E3 (joined_group)", "RemoveMembers Department: Support#g-support E3 (left_group)",
        ]),
        ["Out-of-scope workers are not members"] =
            new([Ann, Bo, Cy, InDepartment("E4", "Sales")], Synced, InStep, Excluding("id", "E2", "E4"),
            ["RemoveMembers Department: Sales#g-sales E2 (left_group)"]),
        ["A worker absent from the read or of unknown status keeps their groups"] =
            new([Ann, Bo with { Lifecycle = Lifecycle(LifecycleState.Unknown) }], Synced, InStep, null, []),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Groups_are_planned_from_the_record_of_memberships(string sentence)
    {
        var (workers, accounts, known, scope, expected) = Cases[sentence];

        var plan = Planner.Create(Input(workers, accounts, scope: scope) with { Groups = Departments, KnownGroups = known });

        Assert.Equal(expected, plan.Groups.Select(Describe));
        Assert.Equal(expected.Length > 0, plan.Groups.Count > 0);
    }

    [Fact]
    public void An_emptied_group_says_so_in_its_reason()
    {
        var input = Input([Ann, Bo, InDepartment("E3", "Sales")], Synced) with { Groups = Departments, KnownGroups = InStep };

        var plan = Planner.Create(input);

        Assert.Contains("emptied", plan.Groups.Single(g => g.Group == "Department: Support").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_with_only_group_changes_has_changes()
    {
        var input = Input([Ann, Bo, Cy], Synced) with
        {
            Groups = Departments, KnownGroups = [Known("Department: Sales", "g-sales", "E2"), InStep[1]],
        };

        var plan = Planner.Create(input);

        Assert.DoesNotContain(plan.Changes, c => c.IsChange);
        Assert.Equal("AddMembers Department: Sales#g-sales E1 (joined_group)", Describe(Assert.Single(plan.Groups)));
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Without_a_record_of_groups_or_without_rules_no_group_changes_are_planned()
    {
        var input = Input([Ann, Bo, Cy]);

        Assert.Empty(Planner.Create(input with { Groups = Departments }).Groups);
        Assert.Empty(Planner.Create(input with { KnownGroups = InStep }).Groups);
    }

    private static string Describe(GroupChange change) =>
        string.Join(" ", [$"{change.Kind} {change.Group}#{change.GroupId ?? "new"}", .. change.WorkerIds, .. change.AccountIds,
            $"({change.Code.Wire()})"]);

    private static Worker InDepartment(string id, string department) =>
        Worker(id).WithPrimary(new Employment
        {
            CompanyId = "C1", StatusCode = "A", OrgUnits = [new OrgUnit(2, department.ToUpperInvariant(), department, "Department")],
        });

    private static Lifecycle Lifecycle(LifecycleState state) => new(state, Today, null, $"{state}.");

    private static KnownGroup Known(string name, string? id, params string[] members) => new(name, id, members, []);

    /// <summary>The workers, their accounts, the recorded groups and scope, and the group changes expected, each
    /// written as kind, group#id (#new when created), members and wire code.</summary>
    private sealed record Case(Worker[] Workers, KnownAccount[] Accounts, KnownGroup[] Known, WorkerScope? Scope, string[] Expected);
}
