using System.Net;
using Headwater.Simulator.Faults;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Simulator.Tests.Faults;

/// <summary>The per-minute rate limit: 429 past the limit, without Retry-After unless asked, lifted in the next minute.</summary>
public sealed class RateLimitTests
{
    private static FakeTimeProvider OnTheMinute() => new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    private static async Task<HttpStatusCode> Status(HttpClient http)
    {
        using var response = await http.GetAsync(FaultySimulator.Employees);
        return response.StatusCode;
    }

    [Fact]
    public async Task Calls_past_the_limit_get_429_without_retry_after_by_default()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { RateLimitPerMinute = 3 }, OnTheMinute());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        }
        using var limited = await sim.Http.GetAsync(FaultySimulator.Employees);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Null(limited.Headers.RetryAfter);
        Assert.Empty(await limited.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Retry_after_gives_the_seconds_left_in_the_minute_when_asked_for()
    {
        var time = OnTheMinute();
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { RateLimitPerMinute = 1, SendRetryAfter = true }, time);
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        time.Advance(TimeSpan.FromSeconds(20));

        using var limited = await sim.Http.GetAsync(FaultySimulator.Employees);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_limit_resets_in_the_next_minute_window()
    {
        var time = OnTheMinute();
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { RateLimitPerMinute = 2 }, time);
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(sim.Http));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(sim.Http));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(sim.Http));
    }

    [Fact]
    public async Task Each_service_account_has_its_own_limit()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { RateLimitPerMinute = 1 }, OnTheMinute());
        var options = sim.Simulator.Options;
        using var limitedAccount = sim.CreateHttp(options.LimitedUserName, options.LimitedPassword, options.CustomerApiKey);
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(sim.Http));

        Assert.Equal(HttpStatusCode.OK, await Status(limitedAccount));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(limitedAccount));
    }

    [Fact]
    public async Task Bad_credentials_are_refused_before_the_rate_limit()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { RateLimitPerMinute = 1 }, OnTheMinute());
        using var wrong = sim.CreateHttp(sim.Simulator.Options.UserName, "wrong", sim.Simulator.Options.CustomerApiKey);
        Assert.Equal(HttpStatusCode.OK, await Status(sim.Http));

        Assert.Equal(HttpStatusCode.Unauthorized, await Status(wrong));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Status(sim.Http));
    }
}
