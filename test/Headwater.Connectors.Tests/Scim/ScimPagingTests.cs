using System.Globalization;
using System.Text.Json.Nodes;
using Headwater.Connectors.Scim;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>Reading a large destination page by page, and looking accounts up when the server cannot filter.</summary>
[Collection(ScimServerCollectionDefinition.Name)]
public sealed class ScimPagingTests(ScimServer server) : IAsyncLifetime
{
    public Task InitializeAsync() => server.Reset();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> Seed(int count)
    {
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var n = i.ToString("D4", CultureInfo.InvariantCulture);
            ids.Add(await server.PostUser(new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemas.User),
                ["userName"] = $"page{n}@headwater.example",
                ["externalId"] = "P" + n,
                ["emails"] = new JsonArray(new JsonObject { ["value"] = $"page{n}@headwater.example", ["type"] = "work" }),
            }));
        }
        return ids;
    }

    private static async Task<List<string>> ListIds(ScimUnderTest scim)
    {
        var ids = new List<string>();
        await foreach (var account in scim.Destination.ListAccounts())
        {
            ids.Add(account.Id);
        }
        return ids;
    }

    [Fact]
    public async Task ListAccounts_reads_1050_users_in_pages_of_100()
    {
        var seeded = await Seed(1050);
        using var scim = ScimUnderTest.For(server);

        var listed = await ListIds(scim);

        Assert.Equal(seeded, listed); // each once, in the server's (creation) order
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"/scim/v2/Users?startIndex={(i * 100) + 1}&count=100"), scim.Requests.All.Select(r => r.Path));
    }

    [Fact]
    public async Task A_page_size_above_the_servers_cap_still_reads_every_user_advancing_by_what_came_back()
    {
        var seeded = await Seed(450);
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { PageSize = 500 });

        var listed = await ListIds(scim);

        Assert.Equal(seeded, listed);
        Assert.Equal(3, scim.Requests.Count("GET")); // scimmy serves at most 200 a page: 200, 200, 50
        Assert.Contains("startIndex=401&", scim.Requests.All[2].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_destination_lists_nothing_in_one_request()
    {
        using var scim = ScimUnderTest.For(server);

        Assert.Empty(await ListIds(scim));
        Assert.Equal(["GET 200"], scim.Requests.Summary);
    }

    [Fact]
    public async Task Find_uses_an_eq_filter_when_the_server_supports_one()
    {
        var ids = await Seed(30);
        using var scim = ScimUnderTest.For(server);

        var found = await scim.Destination.Find(AccountKey.Email, "PAGE0017@headwater.example");

        Assert.Equal(ids[16], found?.Id);
        var request = Assert.Single(scim.Requests.All);
        Assert.Contains("filter=emails.value%20eq%20%22PAGE0017%40headwater.example%22", request.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_of_an_externalId_in_other_case_tries_upper_and_lower_case_because_externalId_is_case_exact()
    {
        var ids = await Seed(5);
        using var scim = ScimUnderTest.For(server);

        var found = await scim.Destination.Find(AccountKey.ExternalId, "p0003");

        Assert.Equal(ids[2], found?.Id);
        Assert.Equal(["p0003", "P0003"], scim.Requests.All.Select(r => Uri.UnescapeDataString(r.Path).Split('"')[1]));
    }

    [Fact]
    public async Task Find_on_an_attribute_the_profile_says_cannot_be_filtered_reads_every_account_instead()
    {
        var ids = await Seed(250);
        using var scim = ScimUnderTest.For(server, new ScimCompatibility { SupportedFilters = ScimFilterSupport.UserName });

        var found = await scim.Destination.Find(AccountKey.ExternalId, "P0240");

        Assert.Equal(ids[239], found?.Id);
        Assert.DoesNotContain(scim.Requests.All, r => r.Path.Contains("filter", StringComparison.Ordinal));
        Assert.Equal(3, scim.Requests.Count("GET"));
    }

    [Fact]
    public async Task Find_with_a_value_the_server_cannot_parse_in_a_filter_reads_every_account_instead()
    {
        var id = await server.PostUser(new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.User), ["userName"] = "o\"neil@headwater.example" });
        using var scim = ScimUnderTest.For(server);

        var found = await scim.Destination.Find(AccountKey.UserName, "O\"Neil@headwater.example");

        Assert.Equal(id, found?.Id);
        Assert.Equal(["GET 400", "GET 200"], scim.Requests.Summary); // scimmy does not parse \" inside a filter value
    }
}
