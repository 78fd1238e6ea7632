using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>Groups planned like accounts: previewed by a plan, applied from Headwater's own record, the destination's
/// groups read only on a first sync and a reconcile.</summary>
public sealed class GroupPlanTests
{
    private static Task<SyncHarness> Start() => SyncHarness.StartAsync(StateStore.Sqlite(), employees: 60,
        configure: d => d with { Groups = GroupRules.Create([new GroupRule("primary.orgLevel2.name", "Department: {}")]) });

    [Fact]
    public async Task A_plan_shows_each_group_to_create_and_its_members_and_changes_nothing()
    {
        await using var sync = await Start();

        var plan = (await sync.Plan()).Plan;

        var creates = plan.Groups.Where(g => g.Kind == GroupChangeKind.Create).Select(g => g.Group).ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, name => Assert.StartsWith("Department: ", name, StringComparison.Ordinal));
        Assert.Equal(creates.Order(), plan.Groups.Where(g => g.Kind == GroupChangeKind.AddMembers).Select(g => g.Group).Order());
        Assert.Equal(plan.Changes.Count(c => c.Kind == ChangeKind.Create && c.Active),
            plan.Groups.Where(g => g.Kind == GroupChangeKind.AddMembers).Sum(g => g.WorkerIds.Count));
        Assert.Equal(0, sync.Scim.GroupCount);
    }

    [Fact]
    public async Task After_a_sync_the_next_plan_has_no_group_changes_and_a_member_added_by_hand_is_removed_on_a_reconcile()
    {
        await using var sync = await Start();
        await sync.Sync();
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty((await sync.Plan()).Plan.Groups);
        var group = sync.Scim.Groups[0];
        var stranger = await sync.SeedUser("stranger@example.com");
        await AddMember(sync, group["id"]!.ToString(), stranger);
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var incremental = await sync.Sync();
        var reconciled = await sync.Sync(reconcile: true);

        Assert.Empty(incremental.Plan.Groups);
        var removal = Assert.Single(reconciled.Plan.Groups);
        Assert.Equal(GroupChangeKind.RemoveMembers, removal.Kind);
        Assert.Equal([stranger], removal.AccountIds);
        Assert.DoesNotContain(sync.Scim.Groups.Single(g => g["id"]!.ToString() == group["id"]!.ToString())["members"]!.AsArray(),
            m => m!["value"]!.ToString() == stranger);
    }

    private static async Task AddMember(SyncHarness sync, string groupId, string accountId)
    {
        using var http = sync.ScimHttp();
        var patch = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            ["Operations"] = new JsonArray(new JsonObject
            {
                ["op"] = "add", ["path"] = "members", ["value"] = new JsonArray(new JsonObject { ["value"] = accountId }),
            }),
        };
        (await http.PatchAsJsonAsync($"Groups/{groupId}", patch)).EnsureSuccessStatusCode();
    }
}
