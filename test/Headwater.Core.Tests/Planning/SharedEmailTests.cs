using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class SharedEmailTests
{
    private const string UserName = "userName";
    private const string WorkEmail = "emails[type eq \"work\"].value";

    /// <summary>A worker whose address UKG's checks found shared with <paramref name="others"/>, as the connector says it.</summary>
    private static Worker Sharing(string id, string email, params string[] others) => Worker(id, email: email) with
    {
        Issues = [new WorkerIssue("shared-email", $"The email address {email} is shared with {string.Join(", ", others)}.")],
    };

    private static Worker Invalid(string id, string email) => Worker(id, email: email) with
    {
        Issues = [new WorkerIssue("invalid-email", $"The email address '{email}' is not a valid address.")],
    };

    public static TheoryData<string, Worker, string> Unusable => new()
    {
        { "shared", Sharing("E1", "team@example.com", "E2"), "The email address team@example.com is shared with E2." },
        { "shared in another case", Sharing("E1", "Team@Example.com", "E2", "E3"), "is shared with E2, E3. " },
        { "invalid", Invalid("E1", "pat doe@example.com"), "Correct the address in UKG." },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_new_worker_whose_address_is_shared_or_invalid_is_created_under_their_employee_number_without_it(
        string why, Worker worker, string flagged)
    {
        var change = Assert.Single(Plan([worker]).Changes, c => c.WorkerId == "E1");

        Assert.Equal(ChangeKind.Create, change.Kind);
        Assert.Equal(ReasonCode.Hired, change.Code);
        Assert.Equal("00e1", Assert.Single(change.Attributes, a => a.Name == UserName).New);
        Assert.DoesNotContain(change.Attributes, a => a.Name == WorkEmail);
        Assert.True(change.Reason.Contains(flagged, StringComparison.Ordinal), $"{why}: {change.Reason}");
        Assert.Contains("It is not used as a userName or email", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_people_sharing_an_address_both_get_an_account_and_neither_gets_the_address()
    {
        var plan = Plan([Sharing("E2", "team@example.com", "E1"), Sharing("E1", "TEAM@example.com ", "E2")]);

        Assert.Equal([ChangeKind.Create, ChangeKind.Create], plan.Changes.Select(c => c.Kind));
        Assert.Equal(["00e1", "00e2"], plan.Changes.Select(c => c.Attributes.Single(a => a.Name == UserName).New).Order());
        Assert.All(plan.Changes, c => Assert.EndsWith("Give each person their own address in UKG.", c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void An_account_that_already_holds_a_shared_address_keeps_it_and_its_other_changes_say_what_to_fix()
    {
        var owner = Worker("E1", email: "team@example.com");
        var renamed = Sharing("E1", "team@example.com", "E2") with { LastName = "Smith" };

        var plan = Plan([renamed, Sharing("E2", "team@example.com", "E1")], [AccountOf(owner)]);

        var update = Assert.Single(plan.Changes, c => c.WorkerId == "E1");
        Assert.Equal(ChangeKind.Update, update.Kind);
        Assert.DoesNotContain(update.Attributes, a => a.Name is UserName or WorkEmail);
        Assert.Contains(new AttributeChange("name.familyName", "Doe", "Smith"), update.Attributes);
        Assert.Contains("shared with E2", update.Reason, StringComparison.Ordinal);
        Assert.Equal("00e2", plan.Changes.Single(c => c.WorkerId == "E2").Attributes.Single(a => a.Name == UserName).New);
        Assert.Empty(Plan([Sharing("E1", "team@example.com", "E2")], [AccountOf(owner)]).Changes);
    }

    [Theory]
    [InlineData("team@example.com", null)]
    [InlineData(null, "team@example.com")]
    public void An_account_is_never_adopted_by_a_shared_address(string? email, string? userName)
    {
        var worker = Sharing("E1", "team@example.com", "E2");

        var change = Plan([worker], [Unmanaged("mailbox", email: email, userName: userName)]).Single();

        Assert.Equal((ChangeKind.Create, null), (change.Kind, change.AccountId));
    }

    [Fact]
    public void A_mapping_from_UKGs_own_address_field_does_not_send_a_shared_address_either()
    {
        var mapper = Mapper.Create([new AttributeMapping(UserName, "coalesce(ukg.person.emailAddress, employeeNumber)")]);
        var worker = Sharing("E1", "team@example.com", "E2") with
        {
            Raw = new Dictionary<string, string?> { ["person.emailAddress"] = "team@example.com" },
        };

        var change = Plan([worker], mapper: mapper).Single();

        Assert.Equal([new AttributeChange(UserName, null, "00E1")], change.Attributes);
    }

    [Fact]
    public void Scope_rules_still_read_the_address_as_UKG_gives_it()
    {
        var worker = Sharing("E1", "team@example.com", "E2");

        var plan = Plan([worker], scope: Excluding("email", "team@example.com"));

        Assert.Empty(plan.Changes);
    }
}
