using System.Net;
using Headwater.Simulator.Faults;

namespace Headwater.Simulator.Tests.Faults;

/// <summary>A password that stops working after a number of calls, as when it is rotated under a running sync.</summary>
public sealed class PasswordExpiryTests
{
    [Fact]
    public async Task The_calls_up_to_the_limit_succeed_and_later_ones_get_401()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { PasswordExpiresAfterCalls = 3 });

        for (var call = 1; call <= 3; call++)
        {
            using var ok = await sim.Http.GetAsync(FaultySimulator.Employees);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        for (var call = 4; call <= 5; call++)
        {
            using var expired = await sim.Http.GetAsync(FaultySimulator.Employees);
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Equal("Basic", Assert.Single(expired.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Fact]
    public async Task Each_service_account_counts_its_own_calls()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { PasswordExpiresAfterCalls = 1 });
        var options = sim.Simulator.Options;
        using var other = sim.CreateHttp(options.LimitedUserName, options.LimitedPassword, options.CustomerApiKey);

        using (var first = await sim.Http.GetAsync(FaultySimulator.Employees))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using (var second = await sim.Http.GetAsync(FaultySimulator.Employees))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        }
        using var otherFirst = await other.GetAsync(FaultySimulator.Employees);
        Assert.Equal(HttpStatusCode.OK, otherFirst.StatusCode);
    }

    [Fact]
    public async Task New_fault_settings_restore_an_expired_password()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { PasswordExpiresAfterCalls = 1 });
        using (await sim.Http.GetAsync(FaultySimulator.Employees))
        using (var expired = await sim.Http.GetAsync(FaultySimulator.Employees))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }

        sim.Simulator.Faults.Settings = new FaultSettings { PasswordExpiresAfterCalls = 1 };

        using var restored = await sim.Http.GetAsync(FaultySimulator.Employees);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }
}
