using System.Net;
using System.Text.Json.Nodes;
using static Headwater.Simulator.Tests.Scim.ScimClient;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>/Groups: create, find by displayName, membership by PATCH and PUT, delete.</summary>
public sealed class ScimGroupTests
{
    private static JsonObject Group(string displayName, params string[] members) => new()
    {
        ["schemas"] = new JsonArray(GroupSchema),
        ["displayName"] = displayName,
        ["members"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["value"] = m })]),
    };

    private static IEnumerable<string> Members(JsonObject group) =>
        (group["members"] as JsonArray ?? []).Select(m => m!["value"]!.GetValue<string>());

    [Fact]
    public async Task Groups_are_created_found_by_displayName_in_any_case_and_unique_by_it()
    {
        await using var scim = await StartAsync();
        var created = await scim.Expect(HttpStatusCode.Created, HttpMethod.Post, "Groups", Group("Org: Finance"));

        var found = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Groups?filter=" + Uri.EscapeDataString("displayName eq \"org: FINANCE\""));
        var duplicate = await scim.Expect(HttpStatusCode.Conflict, HttpMethod.Post, "Groups", Group("ORG: finance"));

        Assert.Equal("Group", created["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal(created["id"]!.GetValue<string>(), found["Resources"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("uniqueness", duplicate["scimType"]!.GetValue<string>());
        Assert.Equal(1, scim.Simulator.GroupCount);
    }

    [Fact]
    public async Task Members_are_added_and_removed_by_patch()
    {
        await using var scim = await StartAsync();
        var ids = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            ids.Add(await scim.CreateUser(name + "@example.com"));
        }
        var group = (await scim.Expect(HttpStatusCode.Created, HttpMethod.Post, "Groups", Group("Team", ids[0])))["id"]!.GetValue<string>();

        var added = await scim.Expect(HttpStatusCode.OK, HttpMethod.Patch, "Groups/" + group, Patch(
            Op("add", "members", new JsonArray(new JsonObject { ["value"] = ids[0] }, new JsonObject { ["value"] = ids[1] }, new JsonObject { ["value"] = ids[2] }))));
        var removed = await scim.Expect(HttpStatusCode.OK, HttpMethod.Patch, "Groups/" + group, Patch(
            Op("remove", $"members[value eq \"{ids[0]}\"]"),
            Op("remove", "members", new JsonArray(new JsonObject { ["value"] = ids[2] }))));

        Assert.Equal(ids, Members(added));
        Assert.Equal([ids[1]], Members(removed));
    }

    [Fact]
    public async Task Put_replaces_the_members_and_delete_removes_the_group()
    {
        await using var scim = await StartAsync();
        var a = await scim.CreateUser("a@example.com");
        var b = await scim.CreateUser("b@example.com");
        var group = (await scim.Expect(HttpStatusCode.Created, HttpMethod.Post, "Groups", Group("Team", a)))["id"]!.GetValue<string>();

        var replaced = await scim.Expect(HttpStatusCode.OK, HttpMethod.Put, "Groups/" + group, Group("Team", b));
        await scim.Expect(HttpStatusCode.NoContent, HttpMethod.Delete, "Groups/" + group);

        Assert.Equal([b], Members(replaced));
        await scim.Expect(HttpStatusCode.NotFound, HttpMethod.Get, "Groups/" + group);
    }

    [Fact]
    public async Task Deleting_a_user_takes_it_out_of_its_groups()
    {
        await using var scim = await StartAsync();
        var a = await scim.CreateUser("a@example.com");
        var b = await scim.CreateUser("b@example.com");
        var group = (await scim.Expect(HttpStatusCode.Created, HttpMethod.Post, "Groups", Group("Team", a, b)))["id"]!.GetValue<string>();

        await scim.Expect(HttpStatusCode.NoContent, HttpMethod.Delete, "Users/" + a);

        Assert.Equal([b], Members(await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Groups/" + group)));
    }
}
