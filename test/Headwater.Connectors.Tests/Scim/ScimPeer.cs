using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>
/// A SCIM service provider the tests run against (test/scim-server's scimmy, or the in-process simulator), with a raw
/// client for seeding and reading it without the destination under test.
/// </summary>
public abstract class ScimPeer : IAsyncLifetime
{
    public Uri BaseUrl { get; private set; } = null!;
    public string Token { get; private set; } = "";

    /// <summary>Signed in with the bearer token, based at the SCIM root (relative paths such as <c>Users</c>).</summary>
    public HttpClient Raw { get; private set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Deletes every user and group (and whatever else the server keeps between tests).</summary>
    public abstract Task Reset();

    protected void Connect(Uri baseUrl, string token)
    {
        BaseUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
        Token = token;
        Raw = new HttpClient { BaseAddress = BaseUrl };
        Raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Creates a user directly (not through the destination); returns its id.</summary>
    public async Task<string> PostUser(JsonObject user)
    {
        using var content = new StringContent(user.ToJsonString(), Encoding.UTF8, "application/scim+json");
        using var response = await Raw.PostAsync(new Uri("Users", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"seeding a user answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>The stored resource, or null for 404.</summary>
    public Task<JsonObject?> GetUser(string id) => Get("Users/" + id);

    public Task<JsonObject?> GetGroup(string id) => Get("Groups/" + id);

    public async Task<JsonObject?> Get(string path)
    {
        using var response = await Raw.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
