using System.Net;
using System.Text.Json.Nodes;
using static Headwater.Simulator.Tests.Scim.ScimClient;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>PATCH /Users/{id} with PatchOp: each path shape Headwater and other clients send.</summary>
public sealed class ScimPatchTests
{
    private static JsonObject Ada() => new()
    {
        ["name"] = new JsonObject { ["givenName"] = "Ada", ["familyName"] = "Lovelace" },
        ["title"] = "Analyst",
        ["emails"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = "ada@example.com", ["primary"] = true }),
        [Enterprise] = new JsonObject { ["department"] = "Finance" },
    };

    private static async Task<(ScimClient Scim, string Id)> WithAda()
    {
        var scim = await StartAsync();
        return (scim, await scim.CreateUser("ada@example.com", Ada()));
    }

    private static Task<JsonObject> Patched(ScimClient scim, string id, params JsonObject[] operations) =>
        scim.Expect(HttpStatusCode.OK, HttpMethod.Patch, "Users/" + id, Patch(operations));

    [Fact]
    public async Task Replace_and_remove_simple_and_sub_attributes()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var user = await Patched(scim, id,
            Op("replace", "title", JsonValue.Create("Lead")),
            Op("replace", "name.familyName", JsonValue.Create("King")),
            Op("remove", "name.givenName"),
            Op("add", "nickName", JsonValue.Create("Countess")));

        Assert.Equal("Lead", user["title"]!.GetValue<string>());
        Assert.Equal("King", user["name"]!["familyName"]!.GetValue<string>());
        Assert.Null(user["name"]!["givenName"]);
        Assert.Equal("Countess", user["nickName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_value_filtered_replace_changes_the_matching_entry()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var user = await Patched(scim, id, Op("replace", "emails[type eq \"work\"].value", JsonValue.Create("ada.king@example.com")));

        var email = Assert.Single(user["emails"]!.AsArray())!;
        Assert.Equal("ada.king@example.com", email["value"]!.GetValue<string>());
        Assert.True(email["primary"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_value_filtered_replace_with_no_matching_entry_is_noTarget_and_changes_nothing()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var error = await scim.Expect(HttpStatusCode.BadRequest, HttpMethod.Patch, "Users/" + id, Patch(
            Op("replace", "title", JsonValue.Create("Lead")),
            Op("replace", "phoneNumbers[type eq \"work\"].value", JsonValue.Create("+1 555 0100"))));

        Assert.Equal("noTarget", error["scimType"]!.GetValue<string>());
        Assert.Equal("Analyst", scim.Simulator.Users[0]["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Add_appends_entries_and_a_value_filtered_add_creates_the_entry()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var user = await Patched(scim, id,
            Op("add", "phoneNumbers", new JsonArray(new JsonObject { ["type"] = "work", ["value"] = "+1 555 0100", ["primary"] = true })),
            Op("add", "emails[type eq \"home\"].value", JsonValue.Create("ada@home.example")));

        Assert.Equal("+1 555 0100", user["phoneNumbers"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(["work", "home"], user["emails"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Remove_of_a_filtered_entry_drops_it_and_the_attribute_when_empty_and_is_harmless_when_absent()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var user = await Patched(scim, id, Op("remove", "emails[type eq \"work\"]"));
        var again = await Patched(scim, id, Op("remove", "emails[type eq \"work\"]"));

        Assert.Null(user["emails"]);
        Assert.Null(again["emails"]);
    }

    [Fact]
    public async Task Enterprise_extension_attributes_by_urn_path()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;
        var manager = await scim.CreateUser("grace@example.com");

        var user = await Patched(scim, id,
            Op("replace", Enterprise + ":department", JsonValue.Create("Engineering")),
            Op("replace", Enterprise + ":manager", new JsonObject { ["value"] = manager }));
        var moved = await Patched(scim, id, Op("replace", Enterprise + ":manager.value", JsonValue.Create("someone-else")));
        var cleared = await Patched(scim, id, Op("remove", Enterprise + ":manager"), Op("remove", Enterprise + ":department"));

        Assert.Equal("Engineering", user[Enterprise]!["department"]!.GetValue<string>());
        Assert.Equal(manager, user[Enterprise]!["manager"]!["value"]!.GetValue<string>());
        Assert.Equal("someone-else", moved[Enterprise]!["manager"]!["value"]!.GetValue<string>());
        Assert.Null(cleared[Enterprise]);
        Assert.Equal([UserSchema], cleared["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task A_pathless_replace_sets_attributes_and_merges_extension_objects()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var user = await Patched(scim, id, Op("replace", null, new JsonObject
        {
            ["title"] = "Lead",
            ["active"] = "False",
            [Enterprise] = new JsonObject { ["manager"] = new JsonObject { ["value"] = "m-1" } },
            ["urn:example:custom:2.0:User"] = new JsonObject { ["costCenter"] = "CC-7" },
        }));

        Assert.Equal("Lead", user["title"]!.GetValue<string>());
        Assert.False(user["active"]!.GetValue<bool>());
        Assert.Equal("Finance", user[Enterprise]!["department"]!.GetValue<string>());
        Assert.Equal("m-1", user[Enterprise]!["manager"]!["value"]!.GetValue<string>());
        Assert.Equal("CC-7", user["urn:example:custom:2.0:User"]!["costCenter"]!.GetValue<string>());
        Assert.Contains("urn:example:custom:2.0:User", user["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Operation_names_and_attribute_names_match_in_any_case()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var user = await Patched(scim, id, Op("Replace", "Title", JsonValue.Create("Lead")), Op("Remove", "NAME.GIVENNAME"));

        Assert.Equal("Lead", user["title"]!.GetValue<string>());
        Assert.Null(user["name"]!["givenName"]);
    }

    [Fact]
    public async Task A_patch_that_takes_another_users_userName_is_409()
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;
        await scim.CreateUser("grace@example.com");

        var error = await scim.Expect(HttpStatusCode.Conflict, HttpMethod.Patch, "Users/" + id, Patch(Op("replace", "userName", JsonValue.Create("GRACE@example.com"))));

        Assert.Equal("uniqueness", error["scimType"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}", "invalidSyntax")]
    [InlineData("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"move\",\"path\":\"title\"}]}", "invalidSyntax")]
    [InlineData("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\"}]}", "noTarget")]
    [InlineData("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"emails.value\",\"value\":\"x\"}]}", "invalidPath")]
    [InlineData("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"title\"}]}", "invalidValue")]
    public async Task A_malformed_patch_is_answered_400(string body, string scimType)
    {
        var (scim, id) = await WithAda();
        await using var _ = scim;

        var error = await scim.Expect(HttpStatusCode.BadRequest, HttpMethod.Patch, "Users/" + id, JsonNode.Parse(body));

        Assert.Equal(scimType, error["scimType"]!.GetValue<string>());
    }
}
