using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class MatchingTests
{
    [Theory]
    [InlineData("E1", null, null)]
    [InlineData(null, "E1@EXAMPLE.COM", null)]
    [InlineData(null, null, "e1@example.com")]
    public void An_existing_account_is_adopted_by_external_id_then_email_then_user_name_ignoring_case(string? externalId, string? email, string? userName)
    {
        var worker = Worker("E1");

        var change = Plan([worker], [Unmanaged("dest-9", externalId, email, userName)]).Single();

        Assert.Equal(ChangeKind.Update, change.Kind);
        Assert.Equal("dest-9", change.AccountId);
        Assert.StartsWith("Adopted the existing account", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_new_workers_who_would_share_a_userName_get_one_account_and_the_other_is_skipped_naming_the_first()
    {
        var first = Worker("E1", email: "shared@example.com");
        var second = Worker("E2", email: "Shared@Example.com");
        var third = Worker("E3");

        var changes = Plan([second, third, first]).Changes;

        Assert.Equal(["E1", "E3"], changes.Where(c => c.Kind == ChangeKind.Create).Select(c => c.WorkerId).Order());
        var skipped = Assert.Single(changes, c => c.Kind == ChangeKind.Skip);
        Assert.Equal("E2", skipped.WorkerId);
        Assert.Contains("'shared@example.com' would be the same as worker E1's", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_tried_in_the_order_the_policy_gives()
    {
        var worker = Worker("E1");
        var byEmail = Unmanaged("by-email", email: "e1@example.com");
        var byExternalId = Unmanaged("by-external-id", externalId: "E1");

        var change = Plan([worker], [byEmail, byExternalId]).Single();

        Assert.Equal("by-external-id", change.AccountId);
    }

    [Fact]
    public void Two_accounts_matching_the_same_key_are_not_guessed_between()
    {
        var worker = Worker("E1");

        var change = Plan([worker], [Unmanaged("a", email: "e1@example.com"), Unmanaged("b", email: "E1@example.com")]).Single();

        Assert.Equal(ChangeKind.Skip, change.Kind);
        Assert.Contains("2 accounts match", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_that_already_belongs_to_another_worker_is_not_adopted()
    {
        var owner = Worker("E1", email: "shared@example.com");
        var other = Worker("E2", email: "shared@example.com");

        var plan = Plan([owner, other], [AccountOf(owner) with { ExternalId = "E1" }]);

        var skipped = Assert.Single(plan.Changes, c => c.WorkerId == "E2");
        Assert.Equal(ChangeKind.Skip, skipped.Kind);
        Assert.Contains("already belongs to worker E1", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_adopted_account_of_a_leaver_may_be_deactivated_but_an_unmatched_one_never_is()
    {
        var leaver = Worker("E1", LifecycleState.Terminated);
        var stranger = Unmanaged("stranger", externalId: "NOBODY", email: "stranger@example.com");

        var plan = Plan([leaver], [Unmanaged("leaver", externalId: "E1"), stranger]);

        var change = plan.Single();
        Assert.Equal((ChangeKind.Deactivate, "leaver"), (change.Kind, change.AccountId));
        Assert.DoesNotContain(plan.Changes, c => c.AccountId == "stranger");
    }

    [Fact]
    public void An_account_whose_worker_is_missing_from_the_read_is_left_alone()
    {
        var gone = Worker("E9");

        var change = Plan([], [AccountOf(gone)]).Single();

        Assert.Equal(ChangeKind.Skip, change.Kind);
        Assert.Contains("absence is never a termination", change.Reason, StringComparison.Ordinal);
    }
}
