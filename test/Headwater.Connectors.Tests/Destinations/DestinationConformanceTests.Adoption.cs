using System.Globalization;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Destinations;

public abstract partial class DestinationConformanceTests
{
    /// <summary>externalId is case-exact in SCIM (RFC 7643 §3.1), so a destination may only be able to find one stored
    /// in a single case (as worker ids are) whatever the case asked for; userName and email match in any case.</summary>
    [ConformanceFact]
    public async Task Find_by_externalId_userName_or_email_ignores_case()
    {
        var id = await SeedUnmanagedAccount(new SeedAccount("Grace.Hopper@Headwater.example", "HW-E4001", "Grace.Hopper@Headwater.example", "Grace", "Hopper"));
        await SeedUnmanagedAccount(new SeedAccount("someone.else@headwater.example", "E4002", "someone.else@headwater.example"));

        Assert.Equal(id, (await Reader.Find(AccountKey.ExternalId, "HW-E4001"))?.Id);
        Assert.Equal(id, (await Reader.Find(AccountKey.ExternalId, "hw-e4001"))?.Id);
        Assert.Equal(id, (await Reader.Find(AccountKey.ExternalId, "Hw-E4001"))?.Id);
        Assert.Equal(id, (await Reader.Find(AccountKey.UserName, "grace.hopper@headwater.EXAMPLE"))?.Id);
        Assert.Equal(id, (await Reader.Find(AccountKey.Email, "GRACE.HOPPER@headwater.example"))?.Id);
        Assert.Equal("HW-E4001", (await Reader.Find(AccountKey.Email, "grace.hopper@headwater.example"))?.ExternalId);
    }

    [ConformanceFact]
    public async Task Find_returns_null_when_no_account_matches()
    {
        await SeedUnmanagedAccount(new SeedAccount("grace.hopper@headwater.example", "E4003", "grace.hopper@headwater.example"));

        Assert.Null(await Reader.Find(AccountKey.ExternalId, "E9999"));
        Assert.Null(await Reader.Find(AccountKey.UserName, "grace@headwater.example"));
        Assert.Null(await Reader.Find(AccountKey.Email, "hopper@headwater.example"));
    }

    [ConformanceFact]
    public async Task Find_with_quotes_and_backslashes_in_the_value_finds_the_account()
    {
        const string Quoted = "o\"brien\\x@headwater.example";
        var id = await SeedUnmanagedAccount(UserNamesMayHoldQuotes
            ? new SeedAccount(Quoted, "E4004")
            : new SeedAccount("obrien.x", "E4004", Email: Quoted));

        Assert.Equal(id, (await Reader.Find(UserNamesMayHoldQuotes ? AccountKey.UserName : AccountKey.Email, "O\"Brien\\X@headwater.example"))?.Id);
    }

    [ConformanceFact]
    public async Task Create_for_a_person_who_already_has_an_account_adopts_it_and_applies_the_attributes()
    {
        var existing = await SeedUnmanagedAccount(new SeedAccount(UserNameOf("E4005"), null, "old.address@headwater.example", "Addie", "Old", Active: false));

        var result = await Writer.Apply(Hire("E4005"), null);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(existing, result.AccountId);
        var raw = await Raw(existing);
        Assert.True(raw.Active);
        foreach (var attribute in PersonAttributes("E4005"))
        {
            Assert.Equal(attribute.New, raw[attribute.Name]);
        }
        Assert.Single(await AllAccounts());
    }

    [ConformanceFact]
    public async Task Applying_the_same_create_twice_gives_one_account()
    {
        var manager = await Applied(Hire("E4006"));
        var hire = Hire("E4007", managerWorkerId: "E4006");

        var first = await Writer.Apply(hire, manager);
        var second = await Writer.Apply(hire, manager);

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(first.AccountId, second.AccountId);
        Assert.Equal(2, (await AllAccounts()).Count);
        Assert.Equal(manager, (await Raw(first.AccountId!)).ManagerId);
    }

    [ConformanceFact]
    public async Task ListAccounts_pages_through_more_accounts_than_a_page_returning_each_once()
    {
        var seeded = Enumerable.Range(1, ListingSize)
            .Select(i => new SeedAccount($"bulk{i.ToString("D4", CultureInfo.InvariantCulture)}@headwater.example", "B" + i.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        await SeedUnmanagedAccounts(seeded);

        var accounts = await AllAccounts();

        Assert.Equal(ListingSize, accounts.Count);
        Assert.Equal(ListingSize, accounts.Select(a => a.Id).Distinct().Count());
        Assert.Equal(seeded.Select(s => s.ExternalId).Order(), accounts.Select(a => a.ExternalId).Order());
    }

    [ConformanceFact]
    public async Task A_record_the_destination_rejects_fails_with_the_reason_and_the_next_record_still_applies()
    {
        var noUserName = Hire("E4008") with { Attributes = [.. PersonAttributes("E4008").Where(a => a.Name != Paths.UserName)] };

        var rejected = await Writer.Apply(noUserName, null);
        var next = await Writer.Apply(Hire("E4009"), null);

        Assert.False(rejected.Succeeded);
        Assert.Null(rejected.AccountId);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Error));
        Assert.False(rejected.Retryable);
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal("E4009", Assert.Single(await AllAccounts()).ExternalId);
    }

    [ConformanceFact]
    public async Task A_change_without_the_account_id_it_needs_fails_with_a_reason()
    {
        foreach (var kind in new[] { ChangeKind.Update, ChangeKind.Deactivate, ChangeKind.Reactivate, ChangeKind.Delete })
        {
            var result = await Writer.Apply(new PlannedChange(kind, "E4010", null, [new AttributeChange(Paths.Title, null, "Lead")], ReasonCode.Changed, "test"), null);

            Assert.False(result.Succeeded, kind.ToString());
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }
    }
}
