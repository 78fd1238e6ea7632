using System.Text.Json;
using Headwater.Tests.Service;
using Headwater.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Ui;

/// <summary>The Policy page's columns in <c>headwater serve</c>: built at start and after each run's read without a page
/// asking.</summary>
public sealed class PolicyColumnsServeTests
{
    [Fact]
    public async Task Columns_the_Policy_page_keeps_are_built_again_after_a_run_reads_UKG()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr");
        await scenario.WaitForFirstRunAsync("hr");
        var first = await KeptAsync(scenario);

        using var now = await scenario.Admin.PostAsync("/api/integrations/hr/sync", null);
        var runId = JsonDocument.Parse(await now.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetInt32();
        await scenario.WaitForRunAsync(runId);

        // The run's job builds them once it has rescheduled the integration, a moment after the run reads as finished.
        var kept = await KeptAsync(scenario);
        Assert.NotEqual(first.Version, kept.Version);
        Assert.True(kept.Version.LatestRead > first.Version.LatestRead);
    }

    [Fact]
    public async Task A_service_builds_each_integration_s_columns_as_it_starts()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr");
        await scenario.WaitForFirstRunAsync("hr");
        var stored = await scenario.Service.Query(db => db.Workers.IgnoreQueryFilters().CountAsync());

        // The daily schedule's next run is tomorrow: no run follows the restart, and no page asks.
        await scenario.RestartAsync(TimeProvider.System);

        var kept = await KeptAsync(scenario);
        Assert.Equal(40, stored);
        Assert.Equal(stored, kept.Count);
        Assert.Equal(1, (await scenario.GetAsync("/api/integrations/hr/runs")).GetArrayLength());
    }

    /// <summary>The columns kept for integration hr, once they are as stored (within 30 seconds).</summary>
    private static async Task<WorkerColumns> KeptAsync(ServiceScenario scenario)
    {
        var cache = scenario.Service.App.Services.GetRequiredService<WorkerColumnsCache>();
        var id = await scenario.Service.Query(db => db.Integrations.Where(i => i.Name == "hr").Select(i => i.Id).SingleAsync());
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            var kept = await scenario.Service.Query(db =>
            {
                db.IntegrationId = id;
                return cache.KeptAsync(db, CancellationToken.None);
            });
            if (kept is not null)
            {
                return kept;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "No columns as stored were kept within 30 seconds.");
            await Task.Delay(100);
        }
    }
}
