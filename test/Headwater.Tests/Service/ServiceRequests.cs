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
        { "GET", "/api/integrations", "read" },
        { "GET", "/api/integrations/hr", "read" },
        { "PUT", "/api/integrations/hr", "admin" },
        { "DELETE", "/api/integrations/hr", "admin" },
        { "POST", "/api/integrations/hr/pause", "admin" },
        { "POST", "/api/integrations/hr/resume", "admin" },
        { "POST", "/api/integrations/hr/sync", "admin" },
        { "POST", "/api/integrations/hr/workers/E1/sync", "admin" },
        { "GET", "/api/integrations/hr/runs", "read" },
        { "GET", "/api/runs/1", "read" },
        { "GET", "/api/runs/1/report.csv", "read" },
        { "GET", "/api/runs/1/outcomes.csv", "read" },
        { "GET", "/api/runs/1/outcomes.jsonl", "read" },
        { "POST", "/api/runs/1/approve", "admin" },
        { "POST", "/api/integrations/hr/check", "admin" },
        { "POST", "/api/integrations/hr/plan", "admin" },
        { "POST", "/api/integrations/hr/destinations/app/check", "admin" },
        { "POST", "/api/integrations/hr/disconnect", "admin" },
        { "GET", "/api/integrations/hr/workers", "read" },
        { "GET", "/api/integrations/hr/workers/E1", "read" },
        { "GET", "/api/integrations/hr/events", "read" },
        { "POST", "/api/integrations/hr/events/replay", "admin" },
    };

    /// <summary>The endpoints of <see cref="Protected"/> that need the admin scope.</summary>
    public static TheoryData<string, string> AdminOnly => Needing("admin");

    /// <summary>The endpoints of <see cref="Protected"/> a read token may call.</summary>
    public static TheoryData<string, string> Readable => Needing("read");

    private static TheoryData<string, string> Needing(string scope)
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Protected.Where(row => (string?)row[2] == scope))
        {
            data.Add((string)row[0], (string)row[1]);
        }
        return data;
    }

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
