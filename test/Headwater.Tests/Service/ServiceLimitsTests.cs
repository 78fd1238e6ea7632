using System.Net;
using System.Text.Json;

namespace Headwater.Tests.Service;

/// <summary>Rate limits per token, the request body limit, errors as ProblemDetails, and the status endpoint.</summary>
public sealed class ServiceLimitsTests
{
    [Fact]
    public async Task A_token_over_its_rate_limit_gets_429_with_Retry_After_while_another_token_goes_on()
    {
        await using var service = await ServiceApplication.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["Service:PermitLimit"] = "3",
            ["Service:RateLimitWindow"] = "00:10:00",
        });
        var busy = service.Client(service.AdminToken);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        }

        var refused = await busy.GetAsync(new Uri("/api/status", UriKind.Relative));

        await ServiceRequests.AssertProblem(refused, 429);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        var other = service.Client(await service.CreateToken("read"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        await using var service = await ServiceApplication.StartAsync();
        var body = JsonSerializer.Serialize(new { name = new string('x', 1024 * 1024), scopes = ServiceRequests.ReadOnly });
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await service.Client(service.AdminToken).PostAsync(new Uri("/api/tokens", UriKind.Relative), content);

        await ServiceRequests.AssertProblem(response, 413);
    }

    [Fact]
    public async Task Status_tells_the_version_the_database_its_schema_and_the_uptime()
    {
        await using var service = await ServiceApplication.StartAsync();

        var status = JsonDocument.Parse(await service.Client(service.AdminToken).GetStringAsync(new Uri("/api/status", UriKind.Relative)))
            .RootElement;

        Assert.False(string.IsNullOrEmpty(status.GetProperty("version").GetString()));
        Assert.Equal("SQLite", status.GetProperty("database").GetString());
        Assert.Equal("current", status.GetProperty("schema").GetString());
        Assert.Empty(status.GetProperty("pendingMigrations").EnumerateArray());
        Assert.True(TimeSpan.Parse(status.GetProperty("uptime").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.Zero);
    }
}
