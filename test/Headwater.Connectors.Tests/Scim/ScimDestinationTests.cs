using System.Diagnostics;
using System.Text.Json.Nodes;
using Headwater.Connectors.Scim;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>SCIM-only behaviour against test/scim-server: the compatibility profile's update methods, adoption on 409,
/// rate limits with Retry-After, refused credentials, and recovering from a PatchOp the server cannot target.</summary>
[Collection(ScimServerCollectionDefinition.Name)]
public sealed class ScimDestinationTests(ScimServer server) : IAsyncLifetime
{
    private static readonly string Department = RawScim.Enterprise + ":department";

    public Task InitializeAsync() => server.Reset();

    public Task DisposeAsync() => Task.CompletedTask;

    internal static PlannedChange Hire(string workerId, string? title = "Analyst") => new(ChangeKind.Create, workerId, null,
    [
        new("userName", null, $"{workerId.ToLowerInvariant()}@headwater.example"),
        new("externalId", null, workerId),
        new("name.givenName", null, "Ada"),
        new("name.familyName", null, "Lovelace"),
        new("title", null, title),
        new("emails[type eq \"work\"].value", null, $"{workerId.ToLowerInvariant()}@headwater.example"),
        new(Department, null, "Finance"),
    ], ReasonCode.Hired, "hire");

    internal static PlannedChange Update(string accountId, params (string Name, string? Old, string? New)[] changes) =>
        new(ChangeKind.Update, "W", accountId, [.. changes.Select(c => new AttributeChange(c.Name, c.Old, c.New))], ReasonCode.Changed, "update");

    private static async Task<string> Created(ScimDestination destination, PlannedChange change, string? manager = null)
    {
        var result = await destination.Apply(change, manager);
        Assert.True(result.Succeeded, result.Error);
        return result.AccountId!;
    }

    [Fact]
    public async Task The_patch_profile_sends_one_PatchOp_per_update_and_no_PUT()
    {
        using var scim = ScimUnderTest.For(server);
        var id = await Created(scim.Destination, Hire("E5001"));

        await Created(scim.Destination, Update(id, ("title", "Analyst", "Lead"), (Department, "Finance", null)));

        var patch = Assert.Single(scim.Requests.All, r => r.Method == "PATCH");
        var body = JsonNode.Parse(patch.Body!)!;
        Assert.Equal(ScimSchemas.PatchOp, body["schemas"]![0]!.ToString());
        Assert.Equal(["replace title", $"remove {Department}"], body["Operations"]!.AsArray().Select(o => $"{o!["op"]} {o["path"]}"));
        Assert.Equal(0, scim.Requests.Count("PUT"));
        Assert.Equal("Lead", RawScim.Value((await server.GetUser(id))!, "title"));
    }

    [Fact]
    public async Task The_put_profile_reads_the_account_and_puts_it_back_whole_with_the_changes()
    {
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { UpdateMethod = ScimUpdateMethod.Put });
        var id = await Created(scim.Destination, Hire("E5002"));

        await Created(scim.Destination, Update(id, ("title", "Analyst", "Lead"), ("phoneNumbers[type eq \"work\"].value", null, "555-0100")));

        Assert.Equal(["POST 201", "GET 200", "PUT 200"], scim.Requests.Summary);
        var put = JsonNode.Parse(scim.Requests.All[2].Body!)!.AsObject();
        Assert.False(put.ContainsKey("meta"));
        Assert.Equal("Lovelace", put["name"]!["familyName"]!.ToString());
        var stored = (await server.GetUser(id))!;
        Assert.Equal(("Lead", "555-0100", "Finance"), (RawScim.Value(stored, "title"), RawScim.Value(stored, "phoneNumbers[type eq \"work\"].value"), RawScim.Value(stored, Department)));
    }

    [Fact]
    public async Task An_update_that_changes_nothing_sends_nothing()
    {
        using var scim = ScimUnderTest.For(server);
        var id = await Created(scim.Destination, Hire("E5003"));

        var result = await scim.Destination.Apply(Update(id, ("title", "Analyst", "Analyst")), null);

        Assert.True(result.Succeeded);
        Assert.Equal(["POST 201"], scim.Requests.Summary);
    }

    [Fact]
    public async Task Adding_a_typed_entry_recovers_from_noTarget_by_reading_the_account_and_adding_it()
    {
        using var scim = ScimUnderTest.For(server);
        var id = await Created(scim.Destination, Hire("E5004"));

        await Created(scim.Destination, Update(id, ("phoneNumbers[type eq \"work\"].value", null, "555-0101"), ("title", "Analyst", "Lead")));

        Assert.Equal(["POST 201", "PATCH 400", "GET 200", "PATCH 200"], scim.Requests.Summary);
        var stored = (await server.GetUser(id))!;
        Assert.Equal("555-0101", RawScim.Value(stored, "phoneNumbers[type eq \"work\"].value"));
        Assert.Single(stored["phoneNumbers"]!.AsArray());
        Assert.Equal("Lead", RawScim.Value(stored, "title"));
    }

    [Fact]
    public async Task A_conflict_on_create_looks_the_account_up_by_userName_and_adopts_it()
    {
        var existing = await server.PostUser(new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.User), ["userName"] = "E5005@headwater.example", ["title"] = "Temp" });
        using var scim = ScimUnderTest.For(server);

        var result = await scim.Destination.Apply(Hire("E5005"), null);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(existing, result.AccountId);
        Assert.Equal(["POST 409", "GET 200", "PATCH 200"], scim.Requests.Summary);
        Assert.Contains("filter=userName%20eq%20%22e5005%40headwater.example%22", scim.Requests.All[1].Path, StringComparison.Ordinal);
        var stored = (await server.GetUser(existing))!;
        Assert.Equal(("Analyst", "E5005", "Finance"), (RawScim.Value(stored, "title"), RawScim.Value(stored, "externalId"), RawScim.Value(stored, Department)));
    }

    [Fact]
    public async Task With_adoption_off_a_conflict_on_create_fails_with_the_servers_detail()
    {
        await server.PostUser(new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.User), ["userName"] = "e5006@headwater.example" });
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { AdoptOnConflict = false });

        var result = await scim.Destination.Apply(Hire("E5006"), null);

        Assert.False(result.Succeeded);
        Assert.Contains("409 uniqueness", result.Error, StringComparison.Ordinal);
        Assert.Contains("already in use", result.Error, StringComparison.Ordinal);
        Assert.Equal(["POST 409"], scim.Requests.Summary);
    }

    [Fact]
    public async Task A_rate_limited_create_waits_as_long_as_Retry_After_says_and_then_succeeds()
    {
        using var scim = ScimUnderTest.For(server);
        await server.SetFaults(failNext: 2, retryAfter: 1);
        var watch = Stopwatch.StartNew();

        var result = await scim.Destination.Apply(Hire("E5007"), null);

        watch.Stop();
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["POST 429", "POST 429", "POST 201"], scim.Requests.Summary);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"the create took only {watch.Elapsed}");
        Assert.Equal(2, (int)(await server.Stats())["throttled"]!);
        Assert.Equal(1, (int)(await server.Stats())["users"]!);
    }

    [Fact]
    public async Task Still_rate_limited_after_every_retry_the_change_fails_as_retryable_and_the_next_one_applies()
    {
        using var scim = ScimUnderTest.For(server);
        await server.SetFaults(failNext: 4, retryAfter: 0);

        var throttled = await scim.Destination.Apply(Hire("E5008"), null);
        var next = await scim.Destination.Apply(Hire("E5009"), null);

        Assert.False(throttled.Succeeded);
        Assert.True(throttled.Retryable);
        Assert.Contains("429", throttled.Error, StringComparison.Ordinal);
        Assert.Equal(4, scim.Requests.Count("POST", 429)); // the first try and MaxRetries (3) retries
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal("E5009", RawScim.Value((await server.GetUser(next.AccountId!))!, "externalId"));
    }

    [Fact]
    public async Task A_refused_token_fails_the_change_with_the_servers_detail_without_retrying()
    {
        using var scim = new ScimUnderTest(ScimUnderTest.Options(server.BaseUrl, "not-the-token"));

        var result = await scim.Destination.Apply(Hire("E5010"), null);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Contains("Missing or invalid bearer token", result.Error, StringComparison.Ordinal);
        Assert.Equal(["POST 401"], scim.Requests.Summary);
        Assert.Equal(0, (int)(await server.Stats())["users"]!);
    }

    [Fact]
    public async Task Listing_with_a_refused_token_throws_rather_than_returning_no_accounts()
    {
        using var scim = new ScimUnderTest(ScimUnderTest.Options(server.BaseUrl, "not-the-token"));

        var error = await Assert.ThrowsAsync<ScimRequestException>(async () =>
        {
            await foreach (var account in scim.Destination.ListAccounts())
            {
                Assert.Fail($"listed {account.Id}");
            }
        });

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attribute_path_that_is_not_SCIM_fails_the_change_before_anything_is_sent()
    {
        using var scim = ScimUnderTest.For(server);
        var change = Hire("E5011") with { Attributes = [.. Hire("E5011").Attributes, new AttributeChange("emails[value co \"x\"]", null, "y")] };

        var result = await scim.Destination.Apply(change, null);

        Assert.False(result.Succeeded);
        Assert.Contains("emails[value co \"x\"]", result.Error, StringComparison.Ordinal);
        Assert.Empty(scim.Requests.All);
    }

    [Fact]
    public async Task Booleans_as_strings_are_refused_by_a_strict_server_and_the_failure_carries_its_detail()
    {
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { BooleansAsStrings = true });

        var result = await scim.Destination.Apply(Hire("E5012"), null);

        Assert.False(result.Succeeded);
        Assert.Contains("\"active\":\"True\"", scim.Requests.All[0].Body, StringComparison.Ordinal);
        Assert.Contains("expected value type 'boolean'", result.Error, StringComparison.Ordinal);
    }
}
