using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Headwater.Testing;

namespace Headwater.Benchmarks;

/// <summary>test/scim-server (scimmy on Node.js) in a process of its own, on a free loopback port.</summary>
internal sealed class ScimServerProcess : IScimTestServer
{
    private readonly NodePeer _process;
    private readonly HttpClient _admin;

    private ScimServerProcess(NodePeer process, Uri baseUrl, string token)
    {
        _process = process;
        BaseUrl = baseUrl;
        Token = token;
        _admin = new HttpClient { BaseAddress = new Uri(baseUrl, "/") };
    }

    /// <summary>The SCIM root, ending in a slash (relative paths such as <c>Users</c> land under it).</summary>
    public Uri BaseUrl { get; }

    public string Token { get; }

    public static async Task<ScimServerProcess> StartAsync()
    {
        var process = await NodePeer.StartAsync("scim-server", ["--port", "0"], ["SCIM_BASE_URL", "SCIM_TOKEN"],
            line => Console.Error.WriteLine("scim-server: " + line));
        return new ScimServerProcess(process, new Uri(process.Announced["SCIM_BASE_URL"].TrimEnd('/') + "/"), process.Announced["SCIM_TOKEN"]);
    }

    /// <summary>Deletes every user and group and zeroes the counters.</summary>
    public async Task Reset()
    {
        using var response = await _admin.PostAsync(new Uri("_test/reset", UriKind.Relative), null);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Resetting the SCIM test server answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>The number of users the server holds.</summary>
    public Task<int> Users() => Count("users");

    /// <summary>The number of groups the server holds.</summary>
    public Task<int> Groups() => Count("groups");

    private async Task<int> Count(string resource)
    {
        var stats = JsonNode.Parse(await _admin.GetStringAsync(new Uri("_test/stats", UriKind.Relative)))!;
        return stats[resource]!.GetValue<int>();
    }

    /// <summary>A client signed in with the bearer token, based at the SCIM root.</summary>
    public HttpClient Client(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler) { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _process.DisposeAsync();
    }
}
