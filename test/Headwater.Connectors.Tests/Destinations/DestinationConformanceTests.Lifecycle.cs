using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Destinations;

public abstract partial class DestinationConformanceTests
{
    [ConformanceFact]
    public async Task Deactivate_makes_the_account_inactive_and_keeps_it_and_its_attributes()
    {
        var id = await Applied(Hire("E3001"));

        await Applied(Change(ChangeKind.Deactivate, "E3001", id));

        var raw = await Raw(id);
        Assert.False(raw.Active);
        Assert.Equal("Analyst", raw[Paths.Title]);
        Assert.False((await Reader.Find(AccountKey.ExternalId, "E3001"))!.Active);
    }

    [ConformanceFact]
    public async Task Deactivate_applies_the_attribute_changes_it_carries()
    {
        var id = await Applied(Hire("E3002"));

        await Applied(Change(ChangeKind.Deactivate, "E3002", id, new AttributeChange(Paths.Department, "Finance", null)));

        var raw = await Raw(id);
        Assert.False(raw.Active);
        Assert.Null(raw[Paths.Department]);
    }

    [ConformanceFact]
    public async Task Reactivate_makes_the_account_active_and_applies_its_attribute_changes()
    {
        var id = await Applied(Hire("E3003", active: false));

        await Applied(Change(ChangeKind.Reactivate, "E3003", id,
            new AttributeChange(Paths.Title, "Analyst", "Returning Analyst"),
            new AttributeChange(Paths.WorkEmail, UserNameOf("E3003"), "ada.returns@headwater.example")));

        var raw = await Raw(id);
        Assert.True(raw.Active);
        Assert.Equal("Returning Analyst", raw[Paths.Title]);
        Assert.Equal("ada.returns@headwater.example", raw[Paths.WorkEmail]);
    }

    [ConformanceFact]
    public async Task Deactivating_and_reactivating_twice_each_is_harmless()
    {
        var id = await Applied(Hire("E3004"));

        await Applied(Change(ChangeKind.Deactivate, "E3004", id));
        await Applied(Change(ChangeKind.Deactivate, "E3004", id));
        Assert.False((await Raw(id)).Active);
        await Applied(Change(ChangeKind.Reactivate, "E3004", id));
        await Applied(Change(ChangeKind.Reactivate, "E3004", id));
        Assert.True((await Raw(id)).Active);
    }

    [ConformanceFact]
    public async Task Delete_removes_the_account()
    {
        var kept = await Applied(Hire("E3005"));
        var id = await Applied(Hire("E3006"));

        var result = await Writer.Apply(Change(ChangeKind.Delete, "E3006", id), null);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(await ReadRaw(id, Paths.All));
        Assert.Null(await Reader.Find(AccountKey.ExternalId, "E3006"));
        Assert.Equal(kept, Assert.Single(await AllAccounts()).Id);
    }

    [ConformanceFact]
    public async Task Delete_of_an_account_already_gone_succeeds()
    {
        var id = await Applied(Hire("E3007"));
        await Applied(Change(ChangeKind.Delete, "E3007", id));

        var again = await Writer.Apply(Change(ChangeKind.Delete, "E3007", id), null);

        Assert.True(again.Succeeded, again.Error);
        Assert.Empty(await AllAccounts());
    }

    [ConformanceFact]
    public async Task Skip_changes_nothing()
    {
        var id = await Applied(Hire("E3008"));

        var result = await Writer.Apply(new PlannedChange(ChangeKind.Skip, "E3008", id,
            [new AttributeChange(Paths.Title, "Analyst", "Ignored")], ReasonCode.Changed, "no change"), null);

        Assert.True(result.Succeeded);
        Assert.Equal(id, result.AccountId);
        Assert.Equal("Analyst", (await Raw(id))[Paths.Title]);
    }

    [ConformanceFact]
    public async Task Manager_link_is_the_managers_account_id()
    {
        var manager = await Applied(Hire("E3100"));

        var report = await Applied(Hire("E3101", managerWorkerId: "E3100"), manager);

        Assert.Equal(manager, (await Raw(report)).ManagerId);
        Assert.Null((await Raw(manager)).ManagerId);
    }

    [ConformanceFact]
    public async Task Manager_link_moves_to_a_new_manager_and_is_cleared_when_there_is_none()
    {
        var first = await Applied(Hire("E3102"));
        var second = await Applied(Hire("E3103"));
        var report = await Applied(Hire("E3104", managerWorkerId: "E3102"), first);

        // The plan's manager attribute names workers; the destination writes the account id it is given.
        var move = Change(ChangeKind.Update, "E3104", report, new AttributeChange("manager", "E3102", "E3103")) with { ManagerWorkerId = "E3103" };
        await Applied(move, second);
        Assert.Equal(second, (await Raw(report)).ManagerId);

        await Applied(Change(ChangeKind.Update, "E3104", report, new AttributeChange("manager", "E3103", null)), null);
        Assert.Null((await Raw(report)).ManagerId);
        Assert.Equal("Finance", (await Raw(report))[Paths.Department]);
    }

    [ConformanceFact]
    public async Task An_update_without_a_manager_change_leaves_the_manager_link_alone()
    {
        var manager = await Applied(Hire("E3105"));
        var report = await Applied(Hire("E3106", managerWorkerId: "E3105"), manager);

        await Applied(Change(ChangeKind.Update, "E3106", report, new AttributeChange(Paths.Title, "Analyst", "Lead")), null);

        Assert.Equal(manager, (await Raw(report)).ManagerId);
    }

    [ConformanceFact]
    public async Task Group_membership_follows_the_given_accounts_exactly()
    {
        var ids = new List<string>();
        foreach (var worker in new[] { "E3200", "E3201", "E3202", "E3203" })
        {
            ids.Add(await Applied(Hire(worker)));
        }
        var group = await EnsureGroup("Org: Finance");
        Assert.Equal(group, await EnsureGroup("Org: Finance"));

        Assert.True(await SetGroupMembers(group, ids[..3]));
        Assert.Equal(ids[..3].Order(), (await ReadGroupMembers(group)).Order());

        Assert.True(await SetGroupMembers(group, [ids[1], ids[3]]));
        Assert.Equal(new[] { ids[1], ids[3] }.Order(), (await ReadGroupMembers(group)).Order());

        Assert.True(await SetGroupMembers(group, [ids[1], ids[3]]));
        Assert.True(await SetGroupMembers(group, []));
        Assert.Empty(await ReadGroupMembers(group));
    }
}
