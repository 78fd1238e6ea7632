using System.Net;
using System.Net.Http.Json;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Admin;

/// <summary>Fault settings read and replaced over HTTP at /_sim/faults while the simulator runs.</summary>
public sealed class AdminFaultTests
{
    private static readonly Uri Faults = new("/_sim/faults", UriKind.Relative);
    private static readonly Uri Employees = new("/personnel/v1/employment-details?per_page=5", UriKind.Relative);

    [Fact]
    public async Task The_faults_start_as_configured_and_a_put_replaces_them_immediately()
    {
        await using var sim = await SimulatorClient.StartAsync();
        var initial = await sim.GetJson("/_sim/faults");
        Assert.Equal(0, initial.GetProperty("errorRate").GetDouble());
        using (var before = await sim.Http.GetAsync(Employees))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var put = await sim.Http.PutAsJsonAsync(Faults, new FaultSettings { ErrorRate = 1.0, RateLimitPerMinute = 100 });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var current = await sim.GetJson("/_sim/faults");
        Assert.Equal(1.0, current.GetProperty("errorRate").GetDouble());
        Assert.Equal(100, current.GetProperty("rateLimitPerMinute").GetInt32());
        Assert.Equal(1.0, sim.Simulator.Faults.Settings.ErrorRate);
        using var after = await sim.Http.GetAsync(Employees);
        Assert.Equal(HttpStatusCode.InternalServerError, after.StatusCode);
    }

    [Fact]
    public async Task Putting_no_faults_clears_them()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            Employees = 50, AsOf = new DateOnly(2026, 11, 23), Faults = new FaultSettings { ErrorRate = 1.0 },
        });
        using (var failing = await sim.Http.GetAsync(Employees))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        }

        using var put = await sim.Http.PutAsJsonAsync(Faults, FaultSettings.None);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var ok = await sim.Http.GetAsync(Employees);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_put_that_leaves_settings_out_gives_them_their_defaults()
    {
        await using var sim = await SimulatorClient.StartAsync();
        using var body = new StringContent("""{"errorRate":0.5}""", System.Text.Encoding.UTF8, "application/json");

        using var put = await sim.Http.PutAsync(Faults, body);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new FaultSettings { ErrorRate = 0.5 }, sim.Simulator.Faults.Settings);
        Assert.Equal(FaultSettings.None.Seed, (await sim.GetJson("/_sim/faults")).GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task The_admin_api_itself_is_not_subject_to_faults_or_authentication()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            Employees = 50, AsOf = new DateOnly(2026, 11, 23),
            Faults = new FaultSettings { ErrorRate = 1.0, RateLimitPerMinute = 1 },
        });
        using var anonymous = new HttpClient { BaseAddress = sim.Simulator.BaseUrl };

        for (var i = 0; i < 3; i++)
        {
            using var response = await anonymous.GetAsync(Faults);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
