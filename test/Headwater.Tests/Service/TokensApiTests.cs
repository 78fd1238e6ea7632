using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headwater.Service;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Service;

/// <summary>The first start's admin token, and /api/tokens: a secret is shown once, in the create response, and is
/// stored only as a hash.</summary>
public sealed class TokensApiTests
{
    [Fact]
    public async Task The_first_start_creates_one_admin_token_and_prints_it_once_and_a_restart_prints_none()
    {
        await using var database = new ServiceDatabase();
        string first;
        await using (var service = await ServiceApplication.StartAsync(database))
        {
            var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Equal($"HEADWATER_URL={ServiceHost.DefaultUrls}", lines[0]);
            Assert.Equal($"HEADWATER_TOKEN={service.AdminToken}", lines[1]);
            first = service.AdminToken;
            Assert.StartsWith(ApiTokens.Prefix, first, StringComparison.Ordinal);
            var tokens = await service.Query(db => db.ApiTokens.ToListAsync());
            Assert.Equal("admin", Assert.Single(tokens).Scopes);
        }

        await using var restarted = await ServiceApplication.StartAsync(database);

        Assert.DoesNotContain("HEADWATER_TOKEN=", restarted.Output, StringComparison.Ordinal);
        Assert.Single(await restarted.Query(db => db.ApiTokens.ToListAsync()));
        var status = await restarted.Client(first).GetAsync(new Uri("/api/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task A_created_token_works_its_secret_is_only_in_the_create_response_and_the_database_holds_its_hash()
    {
        await using var service = await ServiceApplication.StartAsync();
        var admin = service.Client(service.AdminToken);

        var response = await admin.PostAsJsonAsync("/api/tokens", new { name = "reporting", scopes = ServiceRequests.ReadOnly });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("token").GetProperty("id").GetInt32();
        Assert.Equal($"/api/tokens/{id}", response.Headers.Location?.ToString());
        var reader = service.Client(secret);
        var listed = await (await reader.GetAsync(new Uri("/api/tokens", UriKind.Relative))).Content.ReadAsStringAsync();
        var status = await (await reader.GetAsync(new Uri("/api/status", UriKind.Relative))).Content.ReadAsStringAsync();
        foreach (var body in new[] { listed, status })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(service.AdminToken, body, StringComparison.Ordinal);
        }
        var tokens = JsonDocument.Parse(listed).RootElement.EnumerateArray().ToList();
        Assert.Equal(["first admin token", "reporting"], tokens.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["read"], tokens[1].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.NotEqual(JsonValueKind.Null, tokens[1].GetProperty("lastUsedAt").ValueKind);

        var stored = await service.Query(db => db.ApiTokens.AsNoTracking().ToListAsync());
        var everything = string.Join('|', stored.Select(t => $"{t.Name}|{t.Hash}|{t.Scopes}"));
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[ApiTokens.Prefix.Length..], everything, StringComparison.Ordinal);
        Assert.DoesNotContain(service.AdminToken, everything, StringComparison.Ordinal);
        Assert.Equal(ApiTokens.Hash(secret), stored.Single(t => t.Id == id).Hash);
    }

    [Fact]
    public async Task A_revoked_token_is_listed_as_revoked_and_refused()
    {
        await using var service = await ServiceApplication.StartAsync();
        var read = await service.CreateToken(ApiScopes.Read, "old");
        var admin = service.Client(service.AdminToken);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/tokens/2", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/tokens/2", UriKind.Relative))).StatusCode);

        var listed = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/tokens", UriKind.Relative))).RootElement;
        Assert.NotEqual(JsonValueKind.Null, listed[1].GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client(read).GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        await ServiceRequests.AssertProblem(await admin.DeleteAsync(new Uri("/api/tokens/99", UriKind.Relative)), 404);
    }

    [Theory]
    [InlineData("", "read")]
    [InlineData("ci", "owner")]
    public async Task A_token_without_a_name_or_with_an_unknown_scope_is_a_400_problem_naming_the_field(string name, string scope)
    {
        await using var service = await ServiceApplication.StartAsync();

        var response = await service.Client(service.AdminToken).PostAsJsonAsync("/api/tokens", new { name, scopes = new[] { scope } });

        var problem = await ServiceRequests.AssertProblem(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(name.Length == 0 ? "name" : "scopes", out _), problem.ToString());
        Assert.Single(await service.Query(db => db.ApiTokens.ToListAsync()));
    }
}
