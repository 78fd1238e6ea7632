using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class SafetyLimitsTests
{
    private static readonly string[] Identity = ["userName", "emails[type eq \"work\"].value"];

    [Theory]
    [InlineData(3, 100, 5, 10.0, 0)]
    [InlineData(6, 100, 5, 10.0, 1)]
    [InlineData(3, 20, 5, 10.0, 1)]
    [InlineData(6, 20, 5, 10.0, 2)]
    [InlineData(0, 0, 5, 10.0, 0)]
    public void Deactivations_over_the_count_or_the_share_are_breaches(int leavers, int managed, int maxCount, double maxPercent, int breaches)
    {
        var workers = Enumerable.Range(1, leavers).Select(i => Worker($"E{i}", LifecycleState.Terminated)).ToList();
        var plan = Plan(workers, [.. workers.Select(w => AccountOf(w))]);

        var found = new SafetyLimits(maxCount, maxPercent).Check(plan, managed, Identity).Breaches;

        Assert.Equal(breaches, found.Count);
        Assert.All(found, b => Assert.Contains("deactivations", b, StringComparison.Ordinal));
    }

    [Fact]
    public void A_share_of_no_managed_accounts_is_not_a_breach()
    {
        var leaver = Worker("E1", LifecycleState.Terminated);

        var check = new SafetyLimits(MaxDeactivations: 25, MaxDeactivationPercent: 5).Check(Plan([leaver], [AccountOf(leaver)]), 0, Identity);

        Assert.False(check.Broken);
    }

    [Fact]
    public void A_breached_deactivation_limit_holds_only_the_deactivations()
    {
        var leavers = Enumerable.Range(1, 3).Select(i => Worker($"L{i}", LifecycleState.Terminated)).ToList();
        var hire = Worker("H1");
        var plan = Plan([.. leavers, hire], [.. leavers.Select(w => AccountOf(w))]);

        var check = new SafetyLimits(MaxDeactivations: 1, MaxDeactivationPercent: null).Check(plan, 3, Identity);

        Assert.True(check.Broken);
        Assert.All(plan.Changes.Where(c => c.Kind == ChangeKind.Deactivate), c => Assert.True(check.Holds(c)));
        Assert.False(check.Holds(Assert.Single(plan.Changes, c => c.Kind == ChangeKind.Create)));
    }

    [Fact]
    public void Changing_more_sign_in_identities_than_allowed_holds_those_changes_and_a_first_userName_is_not_a_change_of_identity()
    {
        var workers = Enumerable.Range(1, 3).Select(i => Worker($"E{i}")).ToList();
        var accounts = workers.Select(w => AccountOf(w)).ToList();
        var moved = workers.Select(w => w with { Email = $"{w.Id.ToLowerInvariant()}@new.example.com" }).ToList();
        var plan = Plan(moved, accounts);
        var first = new PlannedChange(ChangeKind.Update, "E9", "acct-E9", [new AttributeChange("userName", null, "e9@example.com")],
            ReasonCode.Changed, "Changed in UKG: userName.");

        var check = new SafetyLimits { MaxIdentityChanges = 2, MaxIdentityChangePercent = null }.Check(plan, 3, Identity);

        Assert.Contains(check.Breaches, b => b.StartsWith("3 sign-in identity changes", StringComparison.Ordinal));
        Assert.All(plan.Changes.Where(c => c.IsChange), c => Assert.True(check.Holds(c)));
        Assert.False(SafetyLimits.ChangesIdentity(first, Identity));
    }

    [Fact]
    public void No_limits_allow_anything()
    {
        var workers = Enumerable.Range(1, 50).Select(i => Worker($"E{i}", LifecycleState.Terminated)).ToList();

        Assert.False(SafetyLimits.None.Check(Plan(workers, [.. workers.Select(w => AccountOf(w))]), 50, Identity).Broken);
    }
}
