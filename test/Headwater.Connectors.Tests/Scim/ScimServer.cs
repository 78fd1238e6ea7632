using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Headwater.Testing;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>The tests that share one SCIM test server. xUnit runs the tests of a collection one at a time, and each
/// test class resets the server first, so no test sees another's data.</summary>
[CollectionDefinition(Name)]
public sealed class ScimServerCollectionDefinition : ICollectionFixture<ScimServer>
{
    public const string Name = "SCIM server";
}

/// <summary>
/// test/scim-server (scimmy + scimmy-routers on Node.js), started once for the collection on a free loopback port and
/// stopped at the end. Missing Node.js or missing node_modules fail every test with the step that fixes it; they are
/// never skipped.
/// </summary>
public sealed class ScimServer : ScimPeer
{
    private NodePeer? _process;

    public override async Task InitializeAsync()
    {
        _process = await NodePeer.StartAsync("scim-server", ["--port", "0"], ["SCIM_BASE_URL", "SCIM_TOKEN"]);
        Connect(new Uri(_process.Announced["SCIM_BASE_URL"]), _process.Announced["SCIM_TOKEN"]);
    }

    public override async Task DisposeAsync()
    {
        Raw?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    /// <summary>Deletes every user and group, zeroes the counters and clears faults.</summary>
    public override async Task Reset()
    {
        using var response = await Raw.PostAsync(Admin("reset"), null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>The next <paramref name="failNext"/> SCIM requests, then every 1/<paramref name="rate429"/>th, get
    /// 429 with <c>Retry-After: retryAfter</c>.</summary>
    public async Task SetFaults(double rate429 = 0, double retryAfter = 1, int failNext = 0)
    {
        using var response = await Raw.PostAsJsonAsync(Admin("faults"), new { rate429, retryAfter, failNext });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>users, groups, requests, throttled, created, replaced, deleted.</summary>
    public async Task<JsonObject> Stats() => (JsonObject)JsonNode.Parse(await Raw.GetStringAsync(Admin("stats")))!;

    private Uri Admin(string path) => new(new Uri(BaseUrl, "/"), "_test/" + path);
}
