using System.Net;
using System.Text.Json.Nodes;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>/Users: create, read, replace, delete, uniqueness, and the in-process admin surface.</summary>
public sealed class ScimUserTests
{
    [Fact]
    public async Task Create_answers_201_with_the_stored_user_its_meta_and_location()
    {
        await using var scim = await ScimClient.StartAsync();
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimClient.UserSchema),
            ["userName"] = "ada@example.com",
            ["active"] = "False",
            ["urn:example:custom:2.0:User"] = new JsonObject { ["costCenter"] = "CC-1" },
        };

        using var response = await scim.Http.PostAsync(new Uri("Users", UriKind.Relative),
            new StringContent(user.ToJsonString(), System.Text.Encoding.UTF8, "application/scim+json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body["id"]!.GetValue<string>();
        var location = new Uri(scim.Simulator.BaseUrl, "Users/" + id);
        Assert.Equal(location, response.Headers.Location);
        Assert.Equal(location.ToString(), body["meta"]!["location"]!.GetValue<string>());
        Assert.Equal("User", body["meta"]!["resourceType"]!.GetValue<string>());
        Assert.NotNull(body["meta"]!["created"]);
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.Equal("CC-1", body["urn:example:custom:2.0:User"]!["costCenter"]!.GetValue<string>());
        Assert.Equal([ScimClient.UserSchema, "urn:example:custom:2.0:User"], body["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task A_second_user_with_the_same_userName_in_any_case_is_answered_409_uniqueness()
    {
        await using var scim = await ScimClient.StartAsync();
        await scim.CreateUser("Ada@Example.com");

        var error = await scim.Expect(HttpStatusCode.Conflict, HttpMethod.Post, "Users",
            new JsonObject { ["schemas"] = new JsonArray(ScimClient.UserSchema), ["userName"] = "ada@example.COM" });

        Assert.Equal("uniqueness", error["scimType"]!.GetValue<string>());
        Assert.Equal("409", error["status"]!.GetValue<string>());
        Assert.Equal(1, scim.Simulator.UserCount);
    }

    [Fact]
    public async Task A_user_without_userName_or_the_user_schema_is_answered_400()
    {
        await using var scim = await ScimClient.StartAsync();

        var noName = await scim.Expect(HttpStatusCode.BadRequest, HttpMethod.Post, "Users", new JsonObject { ["schemas"] = new JsonArray(ScimClient.UserSchema) });
        var noSchema = await scim.Expect(HttpStatusCode.BadRequest, HttpMethod.Post, "Users", new JsonObject { ["userName"] = "x" });

        Assert.Equal("invalidValue", noName["scimType"]!.GetValue<string>());
        Assert.Equal("invalidSyntax", noSchema["scimType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_replaces_the_user_keeps_id_and_created_and_may_not_take_another_userName()
    {
        await using var scim = await ScimClient.StartAsync();
        var id = await scim.CreateUser("ada@example.com", new JsonObject { ["title"] = "Analyst", ["displayName"] = "Ada" });
        await scim.CreateUser("grace@example.com");
        var before = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users/" + id);

        var replaced = await scim.Expect(HttpStatusCode.OK, HttpMethod.Put, "Users/" + id,
            new JsonObject { ["schemas"] = new JsonArray(ScimClient.UserSchema), ["id"] = "ignored", ["userName"] = "ADA@example.com", ["title"] = "Lead" });
        var taken = await scim.Expect(HttpStatusCode.Conflict, HttpMethod.Put, "Users/" + id,
            new JsonObject { ["schemas"] = new JsonArray(ScimClient.UserSchema), ["userName"] = "grace@example.com" });

        Assert.Equal(id, replaced["id"]!.GetValue<string>());
        Assert.Equal("Lead", replaced["title"]!.GetValue<string>());
        Assert.Null(replaced["displayName"]);
        Assert.Equal(before["meta"]!["created"]!.GetValue<string>(), replaced["meta"]!["created"]!.GetValue<string>());
        Assert.Equal("uniqueness", taken["scimType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_put_patch_and_delete_of_an_unknown_id_are_answered_404()
    {
        await using var scim = await ScimClient.StartAsync();
        var user = new JsonObject { ["schemas"] = new JsonArray(ScimClient.UserSchema), ["userName"] = "x" };

        var error = await scim.Expect(HttpStatusCode.NotFound, HttpMethod.Get, "Users/nope");
        await scim.Expect(HttpStatusCode.NotFound, HttpMethod.Put, "Users/nope", user);
        await scim.Expect(HttpStatusCode.NotFound, HttpMethod.Patch, "Users/nope", ScimClient.Patch(ScimClient.Op("replace", "title", JsonValue.Create("x"))));
        await scim.Expect(HttpStatusCode.NotFound, HttpMethod.Delete, "Users/nope");

        Assert.Equal("404", error["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_answers_204_and_the_user_is_gone()
    {
        await using var scim = await ScimClient.StartAsync();
        var id = await scim.CreateUser("ada@example.com");

        var (status, body) = await scim.Send(HttpMethod.Delete, "Users/" + id);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        await scim.Expect(HttpStatusCode.NotFound, HttpMethod.Get, "Users/" + id);
        await scim.CreateUser("ada@example.com");
    }

    [Fact]
    public async Task Users_UserCount_and_Reset_show_and_clear_the_state_in_process()
    {
        await using var scim = await ScimClient.StartAsync();
        await scim.CreateUser("ada@example.com");
        await scim.CreateUser("grace@example.com");

        Assert.Equal(2, scim.Simulator.UserCount);
        Assert.Equal(["ada@example.com", "grace@example.com"], scim.Simulator.Users.Select(u => u["userName"]!.GetValue<string>()));
        scim.Simulator.Users[0]["userName"] = "changed a copy";
        Assert.Equal("ada@example.com", scim.Simulator.Users[0]["userName"]!.GetValue<string>());

        scim.Simulator.Reset();

        Assert.Equal(0, scim.Simulator.UserCount);
        Assert.Empty(scim.Simulator.Users);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_userName_make_exactly_one_user()
    {
        await using var scim = await ScimClient.StartAsync();
        static JsonObject User(string userName) => new() { ["schemas"] = new JsonArray(ScimClient.UserSchema), ["userName"] = userName };

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            scim.Send(HttpMethod.Post, "Users", User(i % 2 == 0 ? "race@example.com" : $"user{i}@example.com"))));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created && r.Body!["userName"]!.GetValue<string>() == "race@example.com");
        Assert.Equal(19, results.Count(r => r.Status == HttpStatusCode.Conflict));
        Assert.Equal(21, scim.Simulator.UserCount);
    }
}
