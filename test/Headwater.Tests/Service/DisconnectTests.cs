using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Service;

/// <summary>Disconnecting an integration: it stops syncing, and when confirmed its accounts are deactivated.</summary>
public sealed class DisconnectTests
{
    [Fact]
    public async Task Disconnecting_stops_syncing_and_leaves_accounts_alone()
    {
        await using var scenario = await SyncedAsync();
        var active = scenario.Scim.Users.Count(u => u["active"]?.GetValue<bool>() == true);

        var status = await scenario.PostAsync("/api/integrations/hr/disconnect", new { deactivateAccounts = false });

        Assert.Equal("Paused", status.GetProperty("status").GetString());
        var record = await scenario.Service.Query(db => db.Integrations.SingleAsync());
        Assert.True(record.Paused);
        Assert.NotNull(record.DisconnectedAt);
        Assert.Null(record.NextRunAt);
        Assert.Equal(active, scenario.Scim.Users.Count(u => u["active"]?.GetValue<bool>() == true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("HR")]
    public async Task Deactivating_needs_the_name_repeated(string? confirm)
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 5);
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));

        using var response = await scenario.Admin.PostAsJsonAsync("/api/integrations/hr/disconnect",
            new { deactivateAccounts = true, confirm });

        var problem = await ServiceRequests.AssertProblem(response, 400);
        Assert.Contains("'hr'", problem.GetProperty("errors").GetProperty("confirm")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await scenario.Service.Query(db => db.Integrations.Select(i => i.Paused).SingleAsync()));
    }

    [Fact]
    public async Task A_confirmed_disconnect_deactivates_every_account_Headwater_manages_in_a_recorded_run()
    {
        await using var scenario = await SyncedAsync();
        var created = scenario.Scim.UserCount;
        Assert.True(created > 0);

        var accepted = await scenario.PostAsync("/api/integrations/hr/disconnect", new { deactivateAccounts = true, confirm = "hr" });
        var run = await scenario.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());

        Assert.Equal("Disconnect", run.GetProperty("run").GetProperty("trigger").GetString());
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(created, run.GetProperty("run").GetProperty("counts").GetProperty("deactivations").GetInt32());
        Assert.All(run.GetProperty("outcomes").EnumerateArray(), o =>
        {
            Assert.Equal(("Deactivate", "disconnected", "Applied"),
                (o.GetProperty("kind").GetString(), o.GetProperty("code").GetString(), o.GetProperty("status").GetString()));
        });
        Assert.All(scenario.Scim.Users, u => Assert.False(u["active"]!.GetValue<bool>()));
        Assert.Equal(0, await scenario.Service.Query(db => db.Accounts.IgnoreQueryFilters().CountAsync(a => a.Active)));
        Assert.True(await scenario.Service.Query(db => db.Integrations.Select(i => i.Paused).SingleAsync()));

        // Resumed, the rules decide again: an employee synced now has their account back.
        await scenario.PostAsync("/api/integrations/hr/resume");
        var user = scenario.Scim.Users[0];
        var worker = await scenario.PostAsync($"/api/integrations/hr/workers/{user["externalId"]!.GetValue<string>()}/sync");
        Assert.Equal(1, worker.GetProperty("counts").GetProperty("reactivations").GetInt32());
        var again = scenario.Scim.Users.Single(u => u["id"]!.GetValue<string>() == user["id"]!.GetValue<string>());
        Assert.True(again["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_unknown_integration_is_a_404_problem()
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 5);

        using var response = await scenario.Admin.PostAsJsonAsync("/api/integrations/nope/disconnect", new { deactivateAccounts = false });

        await ServiceRequests.AssertProblem(response, 404);
    }

    private static async Task<ServiceScenario> SyncedAsync()
    {
        var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));
        var sync = await scenario.PostAsync("/api/integrations/hr/sync");
        var run = await scenario.WaitForRunAsync(sync.GetProperty("runId").GetInt32());
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());
        return scenario;
    }
}
