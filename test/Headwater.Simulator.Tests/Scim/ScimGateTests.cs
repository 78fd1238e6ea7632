using System.Net;
using Headwater.Simulator.Scim;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>What stands before every SCIM endpoint: the bearer token, the rate limit and the latency.</summary>
public sealed class ScimGateTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task A_missing_or_wrong_bearer_token_is_answered_401_with_a_scim_error(string? token)
    {
        await using var scim = await ScimClient.StartAsync();
        using var http = scim.CreateHttp(token);

        using var response = await http.GetAsync(new Uri("Users", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":\"401\"", body, StringComparison.Ordinal);
        Assert.Contains("urn:ietf:params:scim:api:messages:2.0:Error", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_random_unless_given()
    {
        await using var first = await ScimClient.StartAsync();
        await using var second = await ScimClient.StartAsync(new ScimSimulatorOptions { BearerToken = "fixed" });

        Assert.NotEqual(new ScimSimulatorOptions().BearerToken, first.Simulator.BearerToken);
        Assert.Equal("fixed", second.Simulator.BearerToken);
        await second.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users");
    }

    [Fact]
    public async Task ServiceProviderConfig_is_served_without_a_token()
    {
        await using var scim = await ScimClient.StartAsync(new ScimSimulatorOptions { MaxPageSize = 50 });
        using var http = scim.CreateHttp(null);

        var config = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri("ServiceProviderConfig", UriKind.Relative)))!;

        Assert.True(config["patch"]!["supported"]!.GetValue<bool>());
        Assert.False(config["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal(50, config["filter"]!["maxResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_nth_request_is_answered_429_with_retry_after()
    {
        await using var scim = await ScimClient.StartAsync(new ScimSimulatorOptions { RateLimitEvery = 3, RetryAfter = TimeSpan.FromSeconds(2) });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await scim.Http.GetAsync(new Uri("Users", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Contains("\"status\":\"429\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Latency_is_added_to_every_request()
    {
        await using var scim = await ScimClient.StartAsync(new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(300) });
        var started = TimeProvider.System.GetTimestamp();

        await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users");

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(290));
    }
}
