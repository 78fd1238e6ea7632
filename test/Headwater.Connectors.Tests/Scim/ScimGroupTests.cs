using System.Globalization;
using System.Text.Json.Nodes;
using Headwater.Connectors.Scim;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>Groups on test/scim-server: made once by name, members kept exactly in step in batches, failures reported.</summary>
[Collection(ScimServerCollectionDefinition.Name)]
public sealed class ScimGroupTests(ScimServer server) : IAsyncLifetime
{
    public Task InitializeAsync() => server.Reset();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> Users(int count, string prefix = "member")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await server.PostUser(new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemas.User),
                ["userName"] = $"{prefix}{i.ToString(CultureInfo.InvariantCulture)}@headwater.example",
            }));
        }
        return ids;
    }

    [Fact]
    public async Task EnsureGroup_creates_the_group_once_and_finds_it_afterwards_whatever_the_case()
    {
        using var scim = ScimUnderTest.For(server);

        var created = await scim.Destination.Groups.EnsureGroup("Location: Boston HQ");
        var again = await scim.Destination.Groups.EnsureGroup("location: boston hq");

        Assert.True(created is { Succeeded: true, Created: true }, created.Error);
        Assert.True(again is { Succeeded: true, Created: false }, again.Error);
        Assert.Equal(created.GroupId, again.GroupId);
        Assert.Equal(1, (int)(await server.Stats())["groups"]!);
        Assert.Equal("Location: Boston HQ", (await server.GetGroup(created.GroupId!))!["displayName"]!.ToString());
    }

    [Fact]
    public async Task SetMembers_adds_and_removes_to_match_exactly_and_sends_nothing_when_already_in_step()
    {
        var users = await Users(5);
        using var scim = ScimUnderTest.For(server);
        var group = (await scim.Destination.Groups.EnsureGroup("Job: Accountant")).GroupId!;

        var first = await scim.Destination.Groups.SetMembers(group, users[..3]);
        var second = await scim.Destination.Groups.SetMembers(group, [users[2], users[3], users[4], users[4]]);
        var patchesBefore = scim.Requests.Count("PATCH");
        var third = await scim.Destination.Groups.SetMembers(group, [users[4], users[3], users[2]]);

        Assert.Equal((true, 3, 0), (first.Succeeded, first.Added, first.Removed));
        Assert.Equal((true, 2, 2), (second.Succeeded, second.Added, second.Removed));
        Assert.Equal((true, 0, 0), (third.Succeeded, third.Added, third.Removed));
        Assert.Equal(patchesBefore, scim.Requests.Count("PATCH"));
        Assert.Equal(users[2..].Order(), RawScim.MemberIds((await server.GetGroup(group))!).Order());
    }

    [Fact]
    public async Task SetMembers_sends_large_changes_in_batches()
    {
        var users = await Users(250);
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { GroupMemberBatchSize = 100 });
        var group = (await scim.Destination.Groups.EnsureGroup("Org: Everyone")).GroupId!;

        var added = await scim.Destination.Groups.SetMembers(group, users);
        Assert.Equal(3, scim.Requests.Count("PATCH", 200));
        Assert.Equal(250, RawScim.MemberIds((await server.GetGroup(group))!).Count);

        var removed = await scim.Destination.Groups.SetMembers(group, users[..20]);

        Assert.Equal((true, 250), (added.Succeeded, added.Added));
        Assert.Equal((true, 230), (removed.Succeeded, removed.Removed));
        Assert.Equal(6, scim.Requests.Count("PATCH", 200)); // 230 removals: 100, 100, 30
        Assert.Equal(users[..20].Order(), RawScim.MemberIds((await server.GetGroup(group))!).Order());
    }

    [Fact]
    public async Task SetMembers_with_an_account_the_server_does_not_know_fails_with_its_detail()
    {
        var users = await Users(1);
        using var scim = ScimUnderTest.For(server);
        var group = (await scim.Destination.Groups.EnsureGroup("Role: Payroll")).GroupId!;

        var result = await scim.Destination.Groups.SetMembers(group, [users[0], "no-such-account"]);

        Assert.False(result.Succeeded);
        Assert.Contains("no-such-account", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.Added);
        Assert.Empty(RawScim.MemberIds((await server.GetGroup(group))!));
    }

    [Fact]
    public async Task ListGroups_lists_every_group_with_its_members()
    {
        var users = await Users(2);
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { PageSize = 2 });
        foreach (var name in new[] { "A", "B", "C" })
        {
            var id = (await scim.Destination.Groups.EnsureGroup("Team " + name)).GroupId!;
            Assert.True((await scim.Destination.Groups.SetMembers(id, name == "B" ? users : [])).Succeeded);
        }

        var groups = new List<ScimGroup>();
        await foreach (var group in scim.Destination.Groups.ListGroups())
        {
            groups.Add(group);
        }

        Assert.Equal(["Team A", "Team B", "Team C"], groups.Select(g => g.DisplayName));
        Assert.Equal(users.Order(), groups[1].MemberIds.Order());
        Assert.Empty(groups[0].MemberIds);
    }

    [Fact]
    public async Task DeleteGroup_removes_it_and_a_second_delete_still_succeeds()
    {
        using var scim = ScimUnderTest.For(server);
        var group = (await scim.Destination.Groups.EnsureGroup("Temporary")).GroupId!;

        Assert.True((await scim.Destination.Groups.DeleteGroup(group)).Succeeded);
        Assert.True((await scim.Destination.Groups.DeleteGroup(group)).Succeeded);
        Assert.Null(await server.GetGroup(group));
    }

    [Fact]
    public async Task With_groups_turned_off_group_changes_fail_with_a_clear_error_and_send_nothing()
    {
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { GroupsEnabled = false });

        var ensure = await scim.Destination.Groups.EnsureGroup("Org: Finance");
        var members = await scim.Destination.Groups.SetMembers("some-id", []);

        Assert.False(ensure.Succeeded);
        Assert.False(members.Succeeded);
        Assert.Contains("GroupsEnabled", ensure.Error, StringComparison.Ordinal);
        Assert.Empty(scim.Requests.All);
    }
}
