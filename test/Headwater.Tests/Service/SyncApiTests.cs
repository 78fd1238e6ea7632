using System.Net;
using System.Text.Json;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Service;

/// <summary>Integrations stored through the API, synced now and one employee at a time, with their runs and statuses.</summary>
public sealed class SyncApiTests
{
    [Fact]
    public async Task A_stored_integration_syncs_now_and_reads_Connected_with_its_run_listed()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr");
        var listed = await scenario.GetAsync("/api/integrations");
        Assert.Equal("hr", listed[0].GetProperty("name").GetString());

        // Created with no run yet, it syncs at once on its schedule; wait for that first run.
        var first = await scenario.WaitForFirstRunAsync("hr");
        Assert.Equal("Succeeded", first.GetProperty("run").GetProperty("status").GetString());
        Assert.True(scenario.Scim.UserCount > 0);

        using var now = await scenario.Admin.PostAsync("/api/integrations/hr/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, now.StatusCode);
        var accepted = JsonDocument.Parse(await now.Content.ReadAsStringAsync()).RootElement;
        var run = await scenario.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
        Assert.Equal("SyncNow", run.GetProperty("run").GetProperty("trigger").GetString());
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());

        var status = (await scenario.GetAsync("/api/integrations/hr")).GetProperty("status");
        Assert.Equal("Connected", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("nextRunAt").GetDateTimeOffset() > TimeProvider.System.GetUtcNow().AddHours(23));

        var runs = await scenario.GetAsync("/api/integrations/hr/runs");
        Assert.Equal(2, runs.GetArrayLength());
        Assert.Equal(scenario.Scim.UserCount, runs[1].GetProperty("counts").GetProperty("creates").GetInt32());
    }

    [Fact]
    public async Task Sync_now_is_refused_with_Retry_After_within_the_hour()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr");
        using var first = await scenario.Admin.PostAsync("/api/integrations/hr/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var second = await scenario.Admin.PostAsync("/api/integrations/hr/sync", null);
        var problem = await ServiceRequests.AssertProblem(second, 429);
        var retryAfter = int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3590, 3600);
        Assert.Contains("once every 60 minutes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integrations_keep_their_state_apart_in_one_database()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("one");
        await scenario.WaitForFirstRunAsync("one");
        await scenario.CreateAsync("two", scenario.Yaml("two").Replace("name: app", "name: app", StringComparison.Ordinal));
        var second = await scenario.WaitForFirstRunAsync("two");

        // The second integration read and planned its own workers: it found no account of the first's to adopt or to
        // skip as another's, and created none (the SCIM application already held everyone, matched by userName).
        var ids = await scenario.Service.Query(async db => await db.Integrations.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        var workers = await scenario.Service.Query(async db => await db.Workers.IgnoreQueryFilters()
            .GroupBy(w => EF.Property<int>(w, HeadwaterDb.IntegrationColumn)).Select(g => g.Count()).ToListAsync());
        Assert.Equal(2, ids.Count);
        Assert.Equal(2, workers.Count);
        Assert.Equal(workers[0], workers[1]);
        Assert.Equal(0, await scenario.Service.Query(db => db.Workers.CountAsync()));
        Assert.NotEqual("Failed", second.GetProperty("run").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_list_gives_each_integration_its_own_status_as_its_own_page_does()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("good");
        await scenario.WaitForFirstRunAsync("good");
        await scenario.CreateAsync("idle", scenario.Yaml("idle", ServiceScenario.Unscheduled));
        var wrong = new Dictionary<string, string>(scenario.Values) { [ServiceScenario.UkgPasswordVariable] = "not-the-password" };
        using (var put = await scenario.PutAsync("refused", scenario.Yaml("refused", ServiceScenario.Unscheduled), wrong))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        var refused = await scenario.PostAsync("/api/integrations/refused/sync");
        await scenario.WaitForRunAsync(refused.GetProperty("runId").GetInt32());

        var listed = await scenario.GetAsync("/api/integrations");
        Assert.Equal(["good", "idle", "refused"], listed.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        string[] expected = ["Connected", "Not connected", "Error"];
        foreach (var (item, status) in listed.EnumerateArray().Zip(expected))
        {
            var name = item.GetProperty("name").GetString();
            Assert.Equal(status, item.GetProperty("status").GetProperty("status").GetString());
            var own = (await scenario.GetAsync($"/api/integrations/{name}")).GetProperty("status");
            Assert.Equal(own.GetRawText(), item.GetProperty("status").GetRawText());
        }
        Assert.Contains("Service Account Administration", listed[2].GetProperty("status").GetProperty("hint").GetString(), StringComparison.Ordinal);
    }
}
