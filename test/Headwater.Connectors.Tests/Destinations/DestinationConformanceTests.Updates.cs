using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Destinations;

public abstract partial class DestinationConformanceTests
{
    private async Task<RawAccount> Updated(string workerId, params Func<ConformancePaths, AttributeChange>[] changes)
    {
        var id = await Applied(Hire(workerId));
        await Applied(Change(ChangeKind.Update, workerId, id, [.. changes.Select(c => c(Paths))]));
        return await Raw(id);
    }

    [ConformanceFact]
    public async Task Update_changes_simple_attributes()
    {
        var raw = await Updated("E2001",
            p => new(p.Title, "Analyst", "Senior Analyst"),
            p => new(p.DisplayName, "Ada Lovelace", "Ada King"));

        Assert.Equal("Senior Analyst", raw[Paths.Title]);
        Assert.Equal("Ada King", raw[Paths.DisplayName]);
        Assert.Equal("Lovelace", raw[Paths.FamilyName]);
    }

    [ConformanceFact]
    public async Task Update_changes_parts_of_a_complex_attribute_and_keeps_the_others()
    {
        var raw = await Updated("E2002", p => new(p.FamilyName, "Lovelace", "King"));

        Assert.Equal("King", raw[Paths.FamilyName]);
        Assert.Equal("Ada", raw[Paths.GivenName]);
    }

    [ConformanceFact]
    public async Task Update_changes_the_work_email_and_work_phone_of_multi_valued_attributes()
    {
        var raw = await Updated("E2003",
            p => new(p.WorkEmail, UserNameOf("E2003"), "ada.king@headwater.example"),
            p => new(p.WorkPhone, "+1 617 555 0100", "+1 617 555 0199"));

        Assert.Equal("ada.king@headwater.example", raw[Paths.WorkEmail]);
        Assert.Equal("+1 617 555 0199", raw[Paths.WorkPhone]);
        Assert.Equal(UserNameOf("E2003"), raw[Paths.UserName]);
    }

    [ConformanceFact]
    public async Task Update_adds_a_work_phone_the_account_did_not_have()
    {
        var change = Hire("E2004") with { Attributes = [.. PersonAttributes("E2004").Where(a => a.Name != Paths.WorkPhone)] };
        var id = await Applied(change);
        Assert.Null((await Raw(id))[Paths.WorkPhone]);

        await Applied(Change(ChangeKind.Update, "E2004", id, new AttributeChange(Paths.WorkPhone, null, "+44 20 7946 0000")));

        Assert.Equal("+44 20 7946 0000", (await Raw(id))[Paths.WorkPhone]);
    }

    [ConformanceFact]
    public async Task Update_changes_an_extension_attribute()
    {
        var raw = await Updated("E2005", p => new(p.Department, "Finance", "Engineering"));

        Assert.Equal("Engineering", raw[Paths.Department]);
    }

    [ConformanceFact]
    public async Task Update_to_null_clears_each_kind_of_attribute_and_leaves_the_rest()
    {
        var raw = await Updated("E2006",
            p => new(p.Title, "Analyst", null),
            p => new(p.GivenName, "Ada", null),
            p => new(p.WorkPhone, "+1 617 555 0100", null),
            p => new(p.Department, "Finance", null));

        Assert.Null(raw[Paths.Title]);
        Assert.Null(raw[Paths.GivenName]);
        Assert.Null(raw[Paths.WorkPhone]);
        Assert.Null(raw[Paths.Department]);
        Assert.Equal("Lovelace", raw[Paths.FamilyName]);
        Assert.Equal(UserNameOf("E2006"), raw[Paths.WorkEmail]);
    }

    [ConformanceFact]
    public async Task Update_with_stale_old_values_still_reaches_the_wanted_values()
    {
        // The plan believes there is no work phone and a title of "Clerk"; the account has a phone and "Analyst".
        var raw = await Updated("E2007",
            p => new(p.WorkPhone, null, "+1 617 555 0123"),
            p => new(p.Title, "Clerk", "Manager"));

        Assert.Equal("+1 617 555 0123", raw[Paths.WorkPhone]);
        Assert.Equal("Manager", raw[Paths.Title]);
    }

    [ConformanceFact]
    public async Task Update_of_userName_and_externalId_moves_the_account_to_the_new_keys()
    {
        var id = await Applied(Hire("E2008"));

        await Applied(Change(ChangeKind.Update, "E2008", id,
            new AttributeChange(Paths.UserName, UserNameOf("E2008"), "ada.king@headwater.example"),
            new AttributeChange(Paths.ExternalId, "E2008", "E2008-B")));

        Assert.Equal(id, (await Reader.Find(AccountKey.UserName, "ada.king@headwater.example"))?.Id);
        Assert.Equal(id, (await Reader.Find(AccountKey.ExternalId, "E2008-B"))?.Id);
        Assert.Null(await Reader.Find(AccountKey.UserName, UserNameOf("E2008")));
    }

    [ConformanceFact]
    public async Task Applying_the_same_update_twice_is_harmless()
    {
        var id = await Applied(Hire("E2009"));
        var update = Change(ChangeKind.Update, "E2009", id,
            new AttributeChange(Paths.Title, "Analyst", "Lead"),
            new AttributeChange(Paths.WorkPhone, "+1 617 555 0100", null),
            new AttributeChange(Paths.Department, "Finance", "Audit"));

        var first = await Writer.Apply(update, null);
        var second = await Writer.Apply(update, null);

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(id, second.AccountId);
        var raw = await Raw(id);
        Assert.Equal(("Lead", null, "Audit"), (raw[Paths.Title], raw[Paths.WorkPhone], raw[Paths.Department]));
        Assert.Single(await AllAccounts());
    }

    [ConformanceFact]
    public async Task Update_of_an_account_that_no_longer_exists_fails_with_a_reason_instead_of_throwing()
    {
        var id = await Applied(Hire("E2010"));
        await Applied(Change(ChangeKind.Delete, "E2010", id));

        var result = await Writer.Apply(Change(ChangeKind.Update, "E2010", id, new AttributeChange(Paths.Title, "Analyst", "Lead")), null);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.False(result.Retryable);
    }
}
