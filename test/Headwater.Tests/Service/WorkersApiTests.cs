using System.Text.Json;

namespace Headwater.Tests.Service;

/// <summary>Searching an integration's stored workers, and one worker's accounts and history.</summary>
public sealed class WorkersApiTests
{
    [Fact]
    public async Task Workers_are_found_by_name_number_id_or_email_in_any_case()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));
        var plan = await scenario.PostAsync("/api/integrations/hr/plan");
        var all = await scenario.GetAsync("/api/integrations/hr/workers?limit=1000");
        Assert.Equal(plan.GetProperty("read").GetProperty("workers").GetInt32(), all.GetProperty("total").GetInt32());
        Assert.Equal(all.GetProperty("total").GetInt32(), all.GetProperty("workers").GetArrayLength());
        var someone = all.GetProperty("workers").EnumerateArray().First(w => w.GetProperty("email").ValueKind == JsonValueKind.String);
        var id = someone.GetProperty("id").GetString()!;

        string[] texts = [someone.GetProperty("displayName").GetString()!.ToUpperInvariant(),
            someone.GetProperty("employeeNumber").GetString()!, id.ToLowerInvariant(),
            someone.GetProperty("email").GetString()!.ToUpperInvariant()];
        foreach (var text in texts)
        {
            var found = await scenario.GetAsync($"/api/integrations/hr/workers?search={Uri.EscapeDataString(text)}");
            Assert.Contains(found.GetProperty("workers").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
            Assert.All(found.GetProperty("workers").EnumerateArray(),
                w => Assert.False(string.IsNullOrEmpty(w.GetProperty("state").GetString())));
        }
        var limited = await scenario.GetAsync("/api/integrations/hr/workers?limit=3");
        Assert.Equal(3, limited.GetProperty("workers").GetArrayLength());
        var none = await scenario.GetAsync("/api/integrations/hr/workers?search=no-such-person-anywhere");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task One_worker_shows_their_fields_account_and_history_newest_first()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));
        await scenario.PostAsync("/api/integrations/hr/plan");
        var sync = await scenario.PostAsync("/api/integrations/hr/sync");
        await scenario.WaitForRunAsync(sync.GetProperty("runId").GetInt32());
        var account = scenario.Scim.Users[0];
        var workerId = account["externalId"]!.GetValue<string>();

        var worker = await scenario.GetAsync($"/api/integrations/hr/workers/{workerId.ToLowerInvariant()}");

        Assert.Equal(workerId, worker.GetProperty("workerId").GetString());
        Assert.True(worker.GetProperty("worker").GetProperty("fields").EnumerateObject().Any());
        var app = Assert.Single(worker.GetProperty("destinations").EnumerateArray());
        var stored = app.GetProperty("account");
        Assert.Equal(account["id"]!.GetValue<string>(), stored.GetProperty("id").GetString());
        Assert.True(stored.GetProperty("active").GetBoolean());
        Assert.Equal("Created", stored.GetProperty("ownership").GetString());
        Assert.Equal(account["userName"]!.GetValue<string>(), stored.GetProperty("userName").GetString());
        // The plan's create, then the sync's: newest first, the applied one on top.
        var history = app.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.True(history[0].GetProperty("run").GetInt32() > history[1].GetProperty("run").GetInt32());
        Assert.Equal(("Create", "Applied"), (history[0].GetProperty("kind").GetString(), history[0].GetProperty("status").GetString()));
        Assert.Equal("Planned", history[1].GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(history[0].GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(history[0].GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("/api/integrations/nope/workers")]
    [InlineData("/api/integrations/nope/workers/E1")]
    [InlineData("/api/integrations/hr/workers/NO-SUCH-WORKER")]
    public async Task An_unknown_integration_or_worker_is_a_404_problem(string path)
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 5);
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));

        using var response = await scenario.Admin.GetAsync(path);

        await ServiceRequests.AssertProblem(response, 404);
    }
}
