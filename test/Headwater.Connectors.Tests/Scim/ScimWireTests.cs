using System.Text;
using System.Text.Json.Nodes;
using Headwater.Connectors.Scim;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>The exact requests the destination sends, and how it takes answers the SCIM test server never gives,
/// against a tiny in-test listener.</summary>
public sealed class ScimWireTests
{
    private const string Custom = ScimConformanceSuite.CustomAttribute;
    private const string CustomSchema = "urn:example:params:scim:schemas:extension:headwater:2.0:User";
    private static readonly string Department = ScimSchemas.EnterpriseUser + ":department";

    private static PlannedChange Hire() => new(ChangeKind.Create, "E6001", null,
    [
        new("userName", null, "e6001@headwater.example"),
        new("name.givenName", null, "Ada"),
        new("emails[type eq \"work\"].value", null, "e6001@headwater.example"),
        new("phoneNumbers[type eq \"work\"].value", null, "555-0100"),
        new(Department, null, "Finance"),
        new(Custom, null, "CC-100"),
        new("manager", null, "E6000"),
    ], ReasonCode.Hired, "hire", "E6000");

    private static ScimUnderTest For(ScimListener listener, ScimCompatibility? compatibility = null) =>
        new(ScimUnderTest.Options(listener.BaseUrl, "token", compatibility));

    [Fact]
    public async Task A_create_lists_every_schema_it_uses_and_puts_extension_and_custom_attributes_in_their_own_objects()
    {
        await using var listener = await ScimListener.Permissive();
        using var scim = For(listener);

        var result = await scim.Destination.Apply(Hire(), "manager-account-id");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("u-1", result.AccountId);
        var post = Assert.Single(listener.Received);
        Assert.Equal(("POST", "/scim/v2/Users", "application/scim+json; charset=utf-8"), (post.Method, post.Path, post.ContentType));
        Assert.Equal("Bearer token", post.Authorization);
        var expected = JsonNode.Parse($$"""
            {
              "schemas": ["{{ScimSchemas.User}}", "{{ScimSchemas.EnterpriseUser}}", "{{CustomSchema}}"],
              "userName": "e6001@headwater.example",
              "name": { "givenName": "Ada" },
              "emails": [{ "type": "work", "primary": true, "value": "e6001@headwater.example" }],
              "phoneNumbers": [{ "type": "work", "primary": true, "value": "555-0100" }],
              "{{ScimSchemas.EnterpriseUser}}": { "department": "Finance", "manager": { "value": "manager-account-id" } },
              "{{CustomSchema}}": { "costCenter": "CC-100" },
              "active": true
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, post.Json), post.Body);
    }

    [Fact]
    public async Task Booleans_as_strings_sends_every_boolean_as_True_or_False()
    {
        await using var listener = await ScimListener.Permissive();
        using var scim = For(listener, new ScimCompatibility { BooleansAsStrings = true });

        await scim.Destination.Apply(Hire() with { Active = false }, null);
        await scim.Destination.Apply(new PlannedChange(ChangeKind.Reactivate, "E6001", "u-1", [], ReasonCode.Rehired, "rehire"), null);

        var post = listener.Received[0].Json;
        Assert.Equal("False", post["active"]!.GetValue<string>());
        Assert.Equal("True", post["emails"]![0]!["primary"]!.GetValue<string>());
        var patch = listener.Received[1].Json;
        Assert.Equal("""[{"op":"replace","path":"active","value":"True"}]""", patch["Operations"]!.ToJsonString());
    }

    [Fact]
    public async Task Patch_operations_replace_values_remove_cleared_ones_and_write_the_manager_as_an_object()
    {
        await using var listener = await ScimListener.Permissive();
        using var scim = For(listener);

        var result = await scim.Destination.Apply(new PlannedChange(ChangeKind.Deactivate, "E6001", "u-1",
        [
            new("title", "Analyst", null),
            new("name.familyName", "Lovelace", "King"),
            new("emails[type eq \"work\"].value", "old@headwater.example", "new@headwater.example"),
            new("phoneNumbers[type eq \"work\"].value", "555-0100", null),
            new(Department, null, "Audit"),
            new(Custom, "CC-100", "CC-200"),
            new(ScimSchemas.EnterpriseUser + ":manager.displayName", null, "Grace"),
            new("manager", "E6000", "E6002"),
        ], ReasonCode.Terminated, "leaver", "E6002", Active: false), "new-manager-id");

        Assert.True(result.Succeeded, result.Error);
        var patch = Assert.Single(listener.Received);
        Assert.Equal(("PATCH", "/scim/v2/Users/u-1"), (patch.Method, patch.Path));
        var expected = JsonNode.Parse($$"""
            {
              "schemas": ["{{ScimSchemas.PatchOp}}"],
              "Operations": [
                { "op": "remove", "path": "title" },
                { "op": "replace", "path": "name.familyName", "value": "King" },
                { "op": "replace", "path": "emails[type eq \"work\"].value", "value": "new@headwater.example" },
                { "op": "remove", "path": "phoneNumbers[type eq \"work\"]" },
                { "op": "replace", "path": "{{Department}}", "value": "Audit" },
                { "op": "replace", "path": "{{Custom}}", "value": "CC-200" },
                { "op": "replace", "value": { "{{ScimSchemas.EnterpriseUser}}": { "manager": { "displayName": "Grace" } } } },
                { "op": "replace", "path": "{{ScimSchemas.EnterpriseUser}}:manager", "value": { "value": "new-manager-id" } },
                { "op": "replace", "path": "active", "value": false }
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, patch.Json), patch.Body);
    }

    [Fact]
    public async Task A_PATCH_answered_204_with_no_body_succeeds()
    {
        await using var listener = await ScimListener.StartAsync((context, _) => ScimListener.Status(context, 204));
        using var scim = For(listener);

        var result = await scim.Destination.Apply(new PlannedChange(ChangeKind.Update, "E6001", "u-1", [new("title", "A", "B")], ReasonCode.Changed, "x"), null);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("u-1", result.AccountId);
    }

    [Fact]
    public async Task Basic_authentication_sends_the_user_name_and_password()
    {
        await using var listener = await ScimListener.Permissive();
        using var scim = new ScimUnderTest(ScimUnderTest.Options(listener.BaseUrl, "unused") with { BearerToken = null, UserName = "svc-headwater", Password = "pa:ss" });

        await scim.Destination.Apply(Hire(), null);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-headwater:pa:ss")), listener.Received[0].Authorization);
    }

    [Fact]
    public async Task A_server_error_on_every_try_fails_the_change_as_retryable_with_the_servers_detail()
    {
        await using var listener = await ScimListener.StartAsync((context, _) =>
            ScimListener.Json(context, 500, new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Error), ["status"] = 500, ["detail"] = "database is down" }));
        using var scim = For(listener);

        var result = await scim.Destination.Apply(Hire(), null);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Contains("500: database is down", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, listener.Received.Count); // the first try and MaxRetries (3) retries
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_the_change_as_retryable()
    {
        await using var listener = await ScimListener.StartAsync((context, _) => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var options = ScimUnderTest.Options(listener.BaseUrl, "token") with { AttemptTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 };
        using var scim = new ScimUnderTest(options);

        var result = await scim.Destination.Apply(Hire(), null);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Contains("got no answer", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{listener.BaseUrl.Authority}: no answer in time (timed out)", result.Error, StringComparison.Ordinal);
        Assert.Equal(["POST 0", "POST 0"], scim.Requests.Summary); // two attempts, each timed out without a response
    }

    [Fact]
    public async Task A_rate_limit_asking_to_wait_longer_than_a_run_waits_leaves_the_rest_for_the_next_run_without_asking_again()
    {
        await using var listener = await ScimListener.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        using var scim = new ScimUnderTest(ScimUnderTest.Options(listener.BaseUrl, "token") with { RetryDelay = TimeSpan.Zero });

        var results = new List<ChangeResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await scim.Destination.Apply(Hire(), null));
        }

        Assert.All(results, r => Assert.True(!r.Succeeded && r.Retryable && r.Error!.Contains("Rate limited", StringComparison.Ordinal), r.Error));
        Assert.Contains("asked to wait 3600 s", results[0].Error, StringComparison.Ordinal);
        Assert.Equal(["POST 429"], scim.Requests.Summary);
    }

    [Fact]
    public async Task A_host_that_refuses_connections_is_named_with_the_cause()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var options = ScimUnderTest.Options(new Uri($"http://127.0.0.1:{port}/scim/v2/"), "token") with { MaxRetries = 1, RetryDelay = TimeSpan.Zero };
        using var scim = new ScimUnderTest(options);

        var result = await scim.Destination.Apply(Hire(), null);

        Assert.False(result.Succeeded);
        Assert.Contains($"127.0.0.1:{port}: the connection was refused or failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_answered_without_an_id_fails()
    {
        await using var listener = await ScimListener.StartAsync((context, _) => ScimListener.Json(context, 201, new JsonObject()));
        using var scim = For(listener);

        var result = await scim.Destination.Apply(Hire(), null);

        Assert.False(result.Succeeded);
        Assert.Contains("without the new account's id", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Five users served two a page; <paramref name="honourStartIndex"/> false always serves the first page.</summary>
    private static Task<ScimListener> FiveUsers(bool honourStartIndex, bool sendTotal) => ScimListener.StartAsync((context, _) =>
    {
        var start = honourStartIndex ? int.Parse(context.Request.Query["startIndex"]!, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var page = new JsonArray([.. Enumerable.Range(start, 2).Where(i => i <= 5).Select(i => (JsonNode)new JsonObject { ["id"] = $"u{i}", ["userName"] = $"user{i}" })]);
        var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.ListResponse), ["Resources"] = page };
        if (sendTotal)
        {
            body["totalResults"] = 5;
        }
        return ScimListener.Json(context, 200, body);
    });

    [Fact]
    public async Task Listing_a_server_that_ignores_startIndex_fails_instead_of_repeating_the_first_page()
    {
        await using var listener = await FiveUsers(honourStartIndex: false, sendTotal: true);
        using var scim = For(listener, new ScimCompatibility { PageSize = 2 });
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<ScimRequestException>(async () =>
        {
            await foreach (var account in scim.Destination.ListAccounts())
            {
                seen.Add(account.Id);
            }
        });

        Assert.Contains("ignores startIndex", error.Message, StringComparison.Ordinal);
        Assert.Equal(["u1", "u2"], seen);
    }

    [Fact]
    public async Task Listing_a_server_that_leaves_out_totalResults_reads_until_an_empty_page()
    {
        await using var listener = await FiveUsers(honourStartIndex: true, sendTotal: false);
        using var scim = For(listener, new ScimCompatibility { PageSize = 2 });
        var seen = new List<string>();

        await foreach (var account in scim.Destination.ListAccounts())
        {
            seen.Add(account.Id);
        }

        Assert.Equal(["u1", "u2", "u3", "u4", "u5"], seen);
        Assert.Equal(4, listener.Received.Count); // 1-2, 3-4, 5, and an empty page
    }
}
