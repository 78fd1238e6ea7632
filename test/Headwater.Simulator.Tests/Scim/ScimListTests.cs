using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Headwater.Simulator.Scim;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>GET /Users and /Groups: ListResponse paging with startIndex and count, and filters.</summary>
public sealed class ScimListTests
{
    private static async Task<ScimClient> WithUsers(int count, ScimSimulatorOptions? options = null)
    {
        var scim = await ScimClient.StartAsync(options);
        for (var i = 1; i <= count; i++)
        {
            await scim.CreateUser($"user{i}@example.com", new JsonObject
            {
                ["externalId"] = "E" + i.ToString(CultureInfo.InvariantCulture),
                ["emails"] = new JsonArray(
                    new JsonObject { ["type"] = "work", ["value"] = $"work{i}@example.com", ["primary"] = true },
                    new JsonObject { ["type"] = "home", ["value"] = $"home{i}@example.com" }),
            });
        }
        return scim;
    }

    private static IEnumerable<string> UserNames(JsonObject list) =>
        list["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>());

    [Fact]
    public async Task A_page_is_a_ListResponse_from_startIndex_with_at_most_count_resources_in_creation_order()
    {
        await using var scim = await WithUsers(5);

        var page = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?startIndex=3&count=2");

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", page["schemas"]![0]!.GetValue<string>());
        Assert.Equal(5, page["totalResults"]!.GetValue<int>());
        Assert.Equal(2, page["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(3, page["startIndex"]!.GetValue<int>());
        Assert.Equal(["user3@example.com", "user4@example.com"], UserNames(page));
    }

    [Fact]
    public async Task Count_is_capped_at_the_max_page_size_and_pages_past_the_end_are_empty()
    {
        await using var scim = await WithUsers(5, new ScimSimulatorOptions { MaxPageSize = 3 });

        var capped = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?count=100");
        var unasked = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users");
        var past = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?startIndex=9");
        var none = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?count=0");

        Assert.Equal(3, capped["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(3, unasked["itemsPerPage"]!.GetValue<int>());
        Assert.Equal((5, 0), (past["totalResults"]!.GetValue<int>(), past["Resources"]!.AsArray().Count));
        Assert.Equal((5, 0), (none["totalResults"]!.GetValue<int>(), none["itemsPerPage"]!.GetValue<int>()));
        await scim.Expect(HttpStatusCode.BadRequest, HttpMethod.Get, "Users?count=ten");
    }

    [Theory]
    [InlineData("userName eq \"USER2@example.com\"", "user2@example.com")]
    [InlineData("externalId eq \"E2\"", "user2@example.com")]
    [InlineData("emails.value eq \"HOME3@example.com\"", "user3@example.com")]
    [InlineData("emails[type eq \"work\"].value eq \"work4@example.com\"", "user4@example.com")]
    [InlineData("emails[type eq \"work\" and value eq \"work1@example.com\"]", "user1@example.com")]
    [InlineData("userName sw \"user1\" and not (externalId eq \"E10\")", "user1@example.com")]
    [InlineData("externalId eq \"E5\" or externalId eq \"E1\"", "user1@example.com,user5@example.com")]
    [InlineData("externalId eq \"e2\"", "")]
    [InlineData("emails[type eq \"work\"].value eq \"home4@example.com\"", "")]
    public async Task Filters_select_users(string filter, string expected)
    {
        await using var scim = await WithUsers(10);

        var page = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), UserNames(page));
        Assert.Equal(page["Resources"]!.AsArray().Count, page["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_filter_value_with_escaped_quotes_and_backslashes_is_read_as_json()
    {
        await using var scim = await ScimClient.StartAsync();
        var id = await scim.CreateUser("o\"brien\\x@example.com");

        var page = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?filter=" + Uri.EscapeDataString("userName eq \"O\\\"Brien\\\\X@example.com\""));

        Assert.Equal(id, page["Resources"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("userName eq")]
    [InlineData("userName xx \"a\"")]
    [InlineData("userName eq \"a")]
    [InlineData("(userName eq \"a\"")]
    [InlineData("userName eq \"a\" trailing")]
    public async Task A_filter_that_does_not_parse_is_answered_400_invalidFilter(string filter)
    {
        await using var scim = await ScimClient.StartAsync();

        var error = await scim.Expect(HttpStatusCode.BadRequest, HttpMethod.Get, "Users?filter=" + Uri.EscapeDataString(filter));

        Assert.Equal("invalidFilter", error["scimType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paging_a_filtered_list_counts_only_the_matches()
    {
        await using var scim = await WithUsers(12);

        var page = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users?startIndex=2&count=2&filter=" + Uri.EscapeDataString("userName sw \"user1\""));

        Assert.Equal(4, page["totalResults"]!.GetValue<int>());
        Assert.Equal(["user10@example.com", "user11@example.com"], UserNames(page));
    }
}
