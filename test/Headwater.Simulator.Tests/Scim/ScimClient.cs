using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Headwater.Simulator.Scim;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>A <see cref="ScimSimulator"/> of its own for one test, and an HttpClient at its SCIM root signed in with
/// its token. Nothing is shared, so tests may run in parallel.</summary>
public sealed class ScimClient : IAsyncDisposable
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private ScimClient(ScimSimulator simulator)
    {
        Simulator = simulator;
        Http = CreateHttp(simulator.BearerToken);
    }

    public ScimSimulator Simulator { get; }
    public HttpClient Http { get; }

    public static async Task<ScimClient> StartAsync(ScimSimulatorOptions? options = null) => new(await ScimSimulator.StartAsync(options));

    /// <summary>A client with any bearer token (none for null), for authentication tests.</summary>
    public HttpClient CreateHttp(string? token)
    {
        var http = new HttpClient { BaseAddress = Simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    /// <summary>Sends a request (with a JSON body if given) and returns the status and the parsed body, if any.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body)> Send(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json");
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : (JsonObject)JsonNode.Parse(text)!);
    }

    /// <summary>Sends a request that must answer <paramref name="expected"/>; returns the body.</summary>
    public async Task<JsonObject> Expect(HttpStatusCode expected, HttpMethod method, string path, JsonNode? body = null)
    {
        var (status, answer) = await Send(method, path, body);
        Assert.True(status == expected, $"{method} {path} answered {(int)status}, not {(int)expected}: {answer?.ToJsonString()}");
        return answer ?? [];
    }

    /// <summary>Creates a user with this userName and the given attributes; returns its id.</summary>
    public async Task<string> CreateUser(string userName, JsonObject? attributes = null)
    {
        var user = new JsonObject { ["schemas"] = new JsonArray(UserSchema), ["userName"] = userName };
        foreach (var (key, value) in attributes ?? [])
        {
            user[key] = value?.DeepClone();
        }
        return (await Expect(HttpStatusCode.Created, HttpMethod.Post, "Users", user))["id"]!.GetValue<string>();
    }

    /// <summary>A PatchOp request body for these operations.</summary>
    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
        ["Operations"] = new JsonArray(operations),
    };

    public static JsonObject Op(string op, string? path, JsonNode? value = null)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }
        if (value is not null)
        {
            operation["value"] = value;
        }
        return operation;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
