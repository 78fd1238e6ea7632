using System.Net;
using System.Text.Json;
using Headwater.Simulator.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Service;

/// <summary>The UKG connection check and the plan preview of a stored integration.</summary>
public sealed class CheckAndPlanApiTests
{
    [Fact]
    public async Task A_check_grants_every_web_service_and_marks_the_integration_connected()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));

        var check = await scenario.PostAsync("/api/integrations/hr/check");

        Assert.True(check.GetProperty("connected").GetBoolean());
        var probes = check.GetProperty("probes").EnumerateArray().ToList();
        Assert.Equal(3, probes.Count);
        Assert.All(probes, p => Assert.Equal("Granted", p.GetProperty("outcome").GetString()));
        Assert.Contains(probes, p => p.GetProperty("service").GetString() == "Personnel Integration");
        var connectedAt = await scenario.Service.Query(db => db.Integrations.Select(i => i.ConnectedAt).SingleAsync());
        Assert.Equal(check.GetProperty("connectedAt").GetDateTimeOffset(), connectedAt);
    }

    [Fact]
    public async Task A_check_with_a_wrong_password_is_Unauthorized_everywhere_and_not_connected()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        var values = scenario.Values;
        values[ServiceScenario.UkgPasswordVariable] = "not-the-password";
        using (var created = await scenario.PutAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled), values))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var check = await scenario.PostAsync("/api/integrations/hr/check");

        Assert.False(check.GetProperty("connected").GetBoolean());
        Assert.All(check.GetProperty("probes").EnumerateArray(), p => Assert.Equal("Unauthorized", p.GetProperty("outcome").GetString()));
        Assert.Null(await scenario.Service.Query(db => db.Integrations.Select(i => i.ConnectedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_check_of_an_unreachable_host_says_so_in_each_probe()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        var yaml = scenario.Yaml("hr", ServiceScenario.Unscheduled)
            .Replace(scenario.Ukg.BaseUrl.ToString().TrimEnd('/'), "http://127.0.0.1:1", StringComparison.Ordinal);
        await scenario.CreateAsync("hr", yaml);

        var check = await scenario.PostAsync("/api/integrations/hr/check");

        Assert.False(check.GetProperty("connected").GetBoolean());
        Assert.All(check.GetProperty("probes").EnumerateArray(), p =>
        {
            Assert.Equal("Failing", p.GetProperty("outcome").GetString());
            Assert.Contains("127.0.0.1:1", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_first_plan_creates_every_active_employee_and_changes_no_destination()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));

        var plan = await scenario.PostAsync("/api/integrations/hr/plan?limit=5");

        Assert.Equal(0, plan.GetProperty("failures").GetArrayLength());
        Assert.Equal("Full", plan.GetProperty("read").GetProperty("mode").GetString());
        var app = Assert.Single(plan.GetProperty("destinations").EnumerateArray());
        Assert.Equal("app", app.GetProperty("destination").GetString());
        var active = scenario.Ukg.Tenant.Snapshot().ToArray().Count(r => r.StatusCode == EmployeeStatus.Active);
        var creates = app.GetProperty("counts").GetProperty("creates").GetInt32();
        Assert.Equal(active, creates);
        Assert.Equal(0, app.GetProperty("counts").GetProperty("deactivations").GetInt32());
        Assert.Equal(0, app.GetProperty("breaches").GetArrayLength());
        var changes = app.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(5, changes.Count);
        Assert.True(app.GetProperty("changeCount").GetInt32() >= creates);
        Assert.All(changes, c =>
        {
            Assert.Equal("Create", c.GetProperty("kind").GetString());
            Assert.Contains(c.GetProperty("code").GetString(), (string[])["hired", "rehired"]);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("workerId").GetString()));
        });
        Assert.Equal(0, scenario.Scim.UserCount);
        Assert.Equal("Planned", await scenario.Service.Query(async db =>
            (await db.SyncRuns.IgnoreQueryFilters().SingleAsync()).Status.ToString()));

        // From the stored workers, without reading UKG again: the same plan.
        var again = await scenario.PostAsync("/api/integrations/hr/plan?read=false");
        Assert.Equal(JsonValueKind.Null, again.GetProperty("read").ValueKind);
        Assert.Equal(creates, again.GetProperty("destinations")[0].GetProperty("counts").GetProperty("creates").GetInt32());
        Assert.Equal(0, scenario.Scim.UserCount);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    public async Task An_unknown_integration_is_a_404_problem(string action)
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 5);

        using var response = await scenario.Admin.PostAsync($"/api/integrations/nope/{action}", null);

        await ServiceRequests.AssertProblem(response, 404);
    }
}
