using System.Net.Http.Json;
using System.Text.Json;

namespace Headwater.Tests.Service;

/// <summary>Every endpoint of the service that needs a token, with the scope it needs (null: any token).</summary>
public static class ServiceRequests
{
    public static readonly string[] ReadOnly = ["read"];

    public static TheoryData<string, string, string?> Protected => new()
    {
        { "GET", "/api/status", "read" },
        { "GET", "/api/tokens", "read" },
        { "POST", "/api/tokens", "admin" },
        { "DELETE", "/api/tokens/1", "admin" },
        { "GET", "/openapi/v1.json", null },
        { "GET", "/api/no-such-thing", null },
    };

    public static TheoryData<string, string> AdminOnly => new()
    {
        { "POST", "/api/tokens" },
        { "DELETE", "/api/tokens/1" },
    };

    public static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST" ? JsonContent.Create(new { name = "ci", scopes = ReadOnly }) : null,
    };

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/>, and returns it.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }
}
