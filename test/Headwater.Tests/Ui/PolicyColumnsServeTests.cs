using System.Text.Json;
using Headwater.Data;
using Headwater.Tests.Service;
using Headwater.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Ui;

/// <summary>The Policy page's columns in <c>headwater serve</c>: kept ones follow each run's read without a page asking.</summary>
public sealed class PolicyColumnsServeTests
{
    [Fact]
    public async Task Columns_the_Policy_page_keeps_are_built_again_after_a_run_reads_UKG()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr");
        await scenario.WaitForFirstRunAsync("hr");
        var cache = scenario.Service.App.Services.GetRequiredService<WorkerColumnsCache>();
        var id = await scenario.Service.Query(db => db.Integrations.Where(i => i.Name == "hr").Select(i => i.Id).SingleAsync());
        Task<T> Scoped<T>(Func<HeadwaterDb, Task<T>> query) => scenario.Service.Query(db =>
        {
            db.IntegrationId = id;
            return query(db);
        });
        var first = await Scoped(db => cache.GetAsync(db, CancellationToken.None));

        using var now = await scenario.Admin.PostAsync("/api/integrations/hr/sync", null);
        var runId = JsonDocument.Parse(await now.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetInt32();
        await scenario.WaitForRunAsync(runId);

        // The run's job builds them once it has rescheduled the integration, a moment after the run reads as finished.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        WorkerColumns? kept;
        while ((kept = await Scoped(db => cache.KeptAsync(db, CancellationToken.None))) is null)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The kept columns were not built again after the run.");
            await Task.Delay(100);
        }
        Assert.NotEqual(first.Version, kept.Version);
        Assert.True(kept.Version.LatestRead > first.Version.LatestRead);
    }
}
