using System.Text.RegularExpressions;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public partial class ReasonCodeTests
{
    private static readonly SyncPolicy DeactivateOnLeave = new() { Leave = LeavePolicy.Deactivate, Suspension = LeavePolicy.Deactivate };
    private static readonly SyncPolicy DeleteAfterThirtyDays = new() { DeleteAfter = TimeSpan.FromDays(30) };
    private static readonly KnownAccount Active = AccountOf(Worker("E1"));
    private static readonly KnownAccount NeverActive = AccountOf(Worker("E1"), active: false);

    private static KnownAccount DeactivatedDaysAgo(int days) => AccountOf(Worker("E1"), active: false, deactivatedAt: Now.AddDays(-days));

    /// <summary>Each decision the planner makes, and the code worker E1's change carries for it.</summary>
    private static readonly Dictionary<string, (Func<Plan> Plan, ChangeKind Kind, ReasonCode Code)> Decisions = new()
    {
        ["A new worker is hired"] = (() => Plan([Worker("E1")]), ChangeKind.Create, ReasonCode.Hired),
        ["A rehired worker without an account gets one"] =
            (() => Plan([Worker("E1", LifecycleState.Rehired)]), ChangeKind.Create, ReasonCode.Rehired),
        ["A future hire due today is created before the start"] =
            (() => Plan([Worker("E1", LifecycleState.PendingStart, since: Today)]), ChangeKind.Create, ReasonCode.CreatedBeforeStart),
        ["A future hire not yet due starts later"] =
            (() => Plan([Worker("E1", LifecycleState.PendingStart, since: Today.AddDays(9))]), ChangeKind.Skip, ReasonCode.StartsLater),
        ["A pending account is activated on the start date"] =
            (() => Plan([Worker("E1")], [NeverActive]), ChangeKind.Reactivate, ReasonCode.Activated),
        ["A deactivated account is reactivated on return from leave"] =
            (() => Plan([Worker("E1")], [DeactivatedDaysAgo(20)], DeactivateOnLeave), ChangeKind.Reactivate, ReasonCode.Returned),
        ["A rehire reactivates the old account"] =
            (() => Plan([Worker("E1", LifecycleState.Rehired)], [DeactivatedDaysAgo(90)]), ChangeKind.Reactivate, ReasonCode.Rehired),
        ["A changed name is an attribute change"] =
            (() => Plan([Worker("E1", lastName: "Smith")], [Active]), ChangeKind.Update, ReasonCode.Changed),
        ["A new manager alone is a manager change"] =
            (() => Plan([Worker("E1", manager: "M1"), Worker("M1")], [Active, AccountOf(Worker("M1"))]),
            ChangeKind.Update, ReasonCode.ManagerChanged),
        ["A manager who can no longer be linked is unlinked"] =
            (() => Plan([Worker("E1", manager: "M1"), Worker("M1", LifecycleState.Terminated)], [AccountOf(Worker("E1"), managerWorkerId: "M1")]),
            ChangeKind.Update, ReasonCode.ManagerUnlinked),
        ["An existing account is adopted"] =
            (() => Plan([Worker("E1")], [Unmanaged("dest-1", externalId: "E1")]), ChangeKind.Update, ReasonCode.Adopted),
        ["A leaver is terminated"] =
            (() => Plan([Worker("E1", LifecycleState.Terminated)], [Active]), ChangeKind.Deactivate, ReasonCode.Terminated),
        ["A leave deactivates when the policy says"] =
            (() => Plan([Worker("E1", LifecycleState.OnLeave)], [Active], DeactivateOnLeave), ChangeKind.Deactivate, ReasonCode.OnLeave),
        ["No account is created during a leave when the policy deactivates"] =
            (() => Plan([Worker("E1", LifecycleState.OnLeave)], [], DeactivateOnLeave), ChangeKind.Skip, ReasonCode.OnLeave),
        ["A suspension deactivates when the policy says"] =
            (() => Plan([Worker("E1", LifecycleState.Suspended)], [Active], DeactivateOnLeave),
            ChangeKind.Deactivate, ReasonCode.Suspended),
        ["A worker leaving scope is deactivated"] =
            (() => Plan([Worker("E1")], [Active], scope: Excluding("id", "E1")), ChangeKind.Deactivate, ReasonCode.OutOfScope),
        ["A long-deactivated leaver is deleted after the grace period"] =
            (() => Plan([Worker("E1", LifecycleState.Terminated)], [DeactivatedDaysAgo(60)], DeleteAfterThirtyDays),
            ChangeKind.Delete, ReasonCode.DeleteAfterGrace),
        ["A second new account with the same userName is refused"] =
            (() => Plan([Worker("E0", email: "same@example.com"), Worker("E1", email: "same@example.com")]),
            ChangeKind.Skip, ReasonCode.DuplicateUserName),
        ["Two matching accounts are an ambiguous match"] =
            (() => Plan([Worker("E1")], [Unmanaged("a", email: "e1@example.com"), Unmanaged("b", email: "E1@example.com")]),
            ChangeKind.Skip, ReasonCode.AmbiguousMatch),
        ["An account owned by another worker is not adopted"] =
            (() => Plan([Worker("E0"), Worker("E1")], [AccountOf(Worker("E0")) with { Email = "e1@example.com" }]),
            ChangeKind.Skip, ReasonCode.AccountOwnedByOther),
        ["A value outside its choices is an invalid value"] =
            (() => Plan([Worker("E1")], mapper: Mapper.Create([new AttributeMapping("userType", "lastName", Choices: ["Employee"])])),
            ChangeKind.Skip, ReasonCode.InvalidValue),
        ["An unknown status changes nothing"] =
            (() => Plan([Worker("E1", LifecycleState.Unknown)], [Active]), ChangeKind.Skip, ReasonCode.UnknownStatus),
        ["An account whose worker is not in the read is left alone"] =
            (() => Plan([], [Active]), ChangeKind.Skip, ReasonCode.NotInSource),
    };

    public static TheoryData<string> Sentences => [.. Decisions.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Every_decision_carries_its_own_reason_code(string sentence)
    {
        var (plan, kind, code) = Decisions[sentence];

        var change = Assert.Single(plan().Changes, c => c.WorkerId == "E1");

        Assert.Equal((kind, code), (change.Kind, change.Code));
        Assert.False(string.IsNullOrWhiteSpace(change.Reason));
    }

    [Fact]
    public void Every_account_code_is_used_by_some_decision()
    {
        var used = Decisions.Values.Select(d => d.Code).ToHashSet();
        // Group codes come from the group planner; a disconnect is an operator's decision, not the planner's.
        ReasonCode[] notPlanned = [ReasonCode.GroupCreated, ReasonCode.JoinedGroup, ReasonCode.LeftGroup, ReasonCode.NotInGroupRule,
            ReasonCode.Disconnected];

        Assert.Equal([], Enum.GetValues<ReasonCode>().Except(notPlanned).Where(c => !used.Contains(c)));
    }

    [Fact]
    public void Every_code_has_a_distinct_snake_case_wire_form_that_parses_back()
    {
        var codes = Enum.GetValues<ReasonCode>();

        Assert.All(codes, c => Assert.Equal(SnakeCase(c.ToString()), c.Wire()));
        Assert.Equal(codes.Length, codes.Select(c => c.Wire()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Equal(c, ReasonCodes.Parse(c.Wire())));
        Assert.Equal(ReasonCode.OutOfScope, ReasonCodes.Parse("OUT_OF_SCOPE"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("OutOfScope")]
    [InlineData("fired")]
    public void Text_that_is_not_a_wire_form_does_not_parse(string? text)
    {
        Assert.False(ReasonCodes.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReasonCodes.Parse(text ?? ""));
    }

    private static string SnakeCase(string name) => WordStart().Replace(name, "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex WordStart();
}
