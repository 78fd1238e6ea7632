using System.Net.Http.Json;
using System.Text.Json;
using Headwater.Demo;
using Headwater.Service;

namespace Headwater.Tests.Service;

/// <summary><c>headwater serve --demo</c>: the simulators in the service's process and the <c>demo</c> integration
/// between them, synced at once, and updated to the simulators' new ports on a restart.</summary>
public sealed class ServiceDemoTests
{
    [Fact]
    public async Task The_demo_integration_syncs_at_once_and_a_restart_points_it_at_the_new_simulators()
    {
        await using var database = new ServiceDatabase(inMemory: false);
        Directory.CreateDirectory(database.DataDirectory);
        await using (var service = await ServiceApplication.StartAsync(database))
        {
            using var log = new StringWriter();
            await using var demo = await ServiceDemo.StartAsync(service.App.Services, log, employees: 20, CancellationToken.None);
            using var admin = service.Client(service.AdminToken);

            var run = await WaitForRunAsync(admin);

            Assert.Equal("Succeeded", run.GetProperty("status").GetString());
            Assert.True(demo.Scim.UserCount > 0, "The SCIM application holds no users after the demo's first sync.");
            Assert.Contains(demo.Ukg.BaseUrl.ToString(), log.ToString(), StringComparison.Ordinal);
            Assert.Contains(demo.Scim.BaseUrl.ToString(), log.ToString(), StringComparison.Ordinal);
        }

        await using (var service = await ServiceApplication.StartAsync(database))
        {
            using var log = new StringWriter();
            await using var demo = await ServiceDemo.StartAsync(service.App.Services, log, employees: 20, CancellationToken.None);
            using var admin = service.Client(await service.CreateToken(ApiScopes.Read));

            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/integrations/{ServiceDemo.Name}");

            Assert.Equal(2, detail.GetProperty("revision").GetInt32());
            Assert.Equal(demo.Ukg.BaseUrl.ToString(), detail.GetProperty("configuration").GetProperty("ukg").GetProperty("baseUrl").GetString());
            await WaitForRunAsync(admin);
        }
    }

    /// <summary>Polls the demo's runs until the newest has ended (at most a minute), and returns it.</summary>
    private static async Task<JsonElement> WaitForRunAsync(HttpClient client)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (true)
        {
            var runs = await client.GetFromJsonAsync<JsonElement>($"/api/integrations/{ServiceDemo.Name}/runs");
            if (runs.GetArrayLength() > 0 && runs[0].GetProperty("status").GetString() is not ("Queued" or "Running"))
            {
                return runs[0];
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"The demo integration has no finished run after a minute: {runs}");
            await Task.Delay(100);
        }
    }
}
