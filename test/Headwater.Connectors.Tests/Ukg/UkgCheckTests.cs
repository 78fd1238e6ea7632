using System.Net;
using System.Net.Sockets;
using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>The permission probe (api-reference §2): which web services the account has View on, and what to do when not.</summary>
public sealed class UkgCheckTests
{
    [Fact]
    public async Task The_full_service_account_is_granted_every_web_service_a_sync_reads()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);

        var results = await new UkgCheck(connector.Client).Run();

        Assert.Equal(UkgCheck.Probes.Select(p => p.Service), results.Select(r => r.Service));
        Assert.All(results, r => Assert.Equal(ProbeOutcome.Granted, r.Outcome));
        Assert.Equal(["/personnel/v1/employment-details", "/personnel/v1/person-details", "/configuration/v1/company-details"], results.Select(r => r.Endpoint));
        Assert.All(connector.Attempts.All, a => Assert.EndsWith("page=1&per_Page=1", a.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_limited_account_is_granted_Personnel_Integration_and_told_how_to_grant_the_rest()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim, userName: sim.Options.LimitedUserName, password: sim.Options.LimitedPassword);

        var results = (await new UkgCheck(connector.Client).Run()).ToDictionary(r => r.Service);

        Assert.Equal(ProbeOutcome.Granted, results["Personnel Integration"].Outcome);
        foreach (var service in new[] { "Employee Person Details", "Company Configuration Integration" })
        {
            Assert.Equal(ProbeOutcome.Missing, results[service].Outcome);
            Assert.Contains($"grant View on '{service}'", results[service].Detail, StringComparison.Ordinal);
            Assert.Contains("Service Account Administration", results[service].Detail, StringComparison.Ordinal);
            Assert.Contains(sim.Options.LimitedUserName, results[service].Detail, StringComparison.Ordinal);
        }
        Assert.Equal(2, connector.Attempts.Count(403));
    }

    [Theory]
    [InlineData("HEADWATER_SVC", "wrong-password", null)]
    [InlineData("NOBODY", "Sim-Passw0rd!", null)]
    [InlineData("HEADWATER_SVC", "Sim-Passw0rd!", "WRONG")]
    public async Task Wrong_credentials_or_customer_key_are_unauthorized_with_what_to_check(string user, string password, string? key)
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim.BaseUrl, user, password, key ?? sim.Options.CustomerApiKey);

        var results = await new UkgCheck(connector.Client).Run();

        Assert.All(results, r =>
        {
            Assert.Equal(ProbeOutcome.Unauthorized, r.Outcome);
            Assert.Contains("password", r.Detail, StringComparison.Ordinal);
            Assert.Contains("customer API key", r.Detail, StringComparison.Ordinal);
        });
        Assert.Equal(3, connector.Attempts.Count(401)); // one each: 401 is not retried
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_failing_and_says_it_could_not_connect()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var connector = ConnectorUnderTest.For(closed, "SVC", "pw", "B5JLX", ConnectorUnderTest.Fast with { MaxRetries = 1 });

        var results = await new UkgCheck(connector.Client).Run();

        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(ProbeOutcome.Failing, r.Outcome);
            Assert.Contains("127.0.0.1", r.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_host_that_is_not_UKGs_is_failing_with_a_hint_about_the_base_URL()
    {
        await using var server = await CannedUkgServer.StartAsync(context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            return Task.CompletedTask;
        });
        using var connector = ConnectorUnderTest.For(server.BaseUrl, "SVC", "pw", "B5JLX");

        var results = await new UkgCheck(connector.Client).Run();

        Assert.All(results, r =>
        {
            Assert.Equal(ProbeOutcome.Failing, r.Outcome);
            Assert.Contains("(404)", r.Detail, StringComparison.Ordinal);
            Assert.Contains("base URL", r.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_password_that_expired_after_a_call_shows_as_unauthorized_from_then_on()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new Simulator.Faults.FaultSettings { PasswordExpiresAfterCalls = 1 } });
        using var connector = ConnectorUnderTest.For(sim);

        var results = await new UkgCheck(connector.Client).Run();

        Assert.Equal([ProbeOutcome.Granted, ProbeOutcome.Unauthorized, ProbeOutcome.Unauthorized], results.Select(r => r.Outcome));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
