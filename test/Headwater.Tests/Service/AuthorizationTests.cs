using System.Net;
using Headwater.Service;

namespace Headwater.Tests.Service;

/// <summary>Only the health endpoints answer without a token; every other endpoint needs a valid, unrevoked token with the
/// right scope, and says why not as ProblemDetails.</summary>
public sealed class AuthorizationTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_a_token(string path)
    {
        await using var service = await ServiceApplication.StartAsync();

        var response = await service.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ServiceRequests.Protected), MemberType = typeof(ServiceRequests))]
    public async Task Every_other_endpoint_answers_401_without_a_token(string method, string path, string? scope)
    {
        _ = scope;
        await using var service = await ServiceApplication.StartAsync();

        var response = await service.Client().SendAsync(ServiceRequests.Request(method, path));

        await ServiceRequests.AssertProblem(response, 401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(ServiceRequests.Protected), MemberType = typeof(ServiceRequests))]
    public async Task Every_other_endpoint_answers_401_to_a_wrong_token(string method, string path, string? scope)
    {
        _ = scope;
        await using var service = await ServiceApplication.StartAsync();

        foreach (var wrong in new[] { ApiTokens.Prefix + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-headwater-token" })
        {
            var response = await service.Client(wrong).SendAsync(ServiceRequests.Request(method, path));
            await ServiceRequests.AssertProblem(response, 401);
        }
    }

    [Theory]
    [MemberData(nameof(ServiceRequests.Protected), MemberType = typeof(ServiceRequests))]
    public async Task Every_other_endpoint_answers_401_to_a_revoked_token(string method, string path, string? scope)
    {
        _ = scope;
        await using var service = await ServiceApplication.StartAsync();
        var revoked = await service.CreateToken(ApiScopes.Admin, "to revoke");
        var id = await service.Query(db => Task.FromResult(db.ApiTokens.Single(t => t.Name == "to revoke").Id));
        Assert.Equal(HttpStatusCode.NoContent, (await service.Client(service.AdminToken).DeleteAsync(new Uri($"/api/tokens/{id}", UriKind.Relative))).StatusCode);

        var response = await service.Client(revoked).SendAsync(ServiceRequests.Request(method, path));

        await ServiceRequests.AssertProblem(response, 401);
    }

    [Theory]
    [MemberData(nameof(ServiceRequests.AdminOnly), MemberType = typeof(ServiceRequests))]
    public async Task Admin_endpoints_answer_403_to_a_read_token(string method, string path)
    {
        await using var service = await ServiceApplication.StartAsync();
        var read = await service.CreateToken(ApiScopes.Read);

        var response = await service.Client(read).SendAsync(ServiceRequests.Request(method, path));

        await ServiceRequests.AssertProblem(response, 403);
    }

    [Theory]
    [MemberData(nameof(ServiceRequests.Readable), MemberType = typeof(ServiceRequests))]
    public async Task A_read_token_is_let_through_to_every_read_endpoint(string method, string path)
    {
        await using var service = await ServiceApplication.StartAsync();
        var read = await service.CreateToken(ApiScopes.Read);

        var response = await service.Client(read).SendAsync(ServiceRequests.Request(method, path));

        // Nothing is stored, so an integration or run is not found; what matters is that the token was accepted.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/api/tokens")]
    [InlineData("/openapi/v1.json")]
    public async Task A_read_token_reads(string path)
    {
        await using var service = await ServiceApplication.StartAsync();
        var read = await service.CreateToken(ApiScopes.Read);

        var response = await service.Client(read).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_with_a_token_is_a_404_problem()
    {
        await using var service = await ServiceApplication.StartAsync();

        var response = await service.Client(service.AdminToken).GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        await ServiceRequests.AssertProblem(response, 404);
    }
}
