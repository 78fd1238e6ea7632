using System.Text.Json.Nodes;
using Headwater.Core.Events;
using Headwater.Events;
using Headwater.Tests.Service;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Events;

/// <summary>
/// The service composed as <c>headwater serve</c> composes it, with a stored integration whose destination is a
/// webhook: a sync run through the API writes the events to the outbox, and the service's delivery worker (the
/// service's runs deliver nothing themselves) posts them to test/webhook-receiver, which verifies every signature with
/// the standardwebhooks library.
/// </summary>
public sealed class ServeDeliveryTests
{
    private const string SecretVariable = "HOOKS_WEBHOOK_SECRET";

    [Fact]
    public async Task The_services_delivery_worker_posts_the_events_of_a_run_to_the_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await ServiceScenario.StartAsync(employees: 30);
        var yaml = $$"""
            name: hr
            ukg:
              baseUrl: {{scenario.Ukg.BaseUrl}}
              username: {{scenario.Ukg.Options.UserName}}
              password: ${{{ServiceScenario.UkgPasswordVariable}}}
              customerApiKey: ${{{ServiceScenario.ApiKeyVariable}}}
              timeZone: {{scenario.Ukg.Options.TimeZone}}
            destinations:
              - name: hooks
                type: webhook
                url: {{receiver.Url}}
                secret: ${{{SecretVariable}}}
                events: [employee.hired, employee.terminated]
                safety: { maxDeactivations: none, maxDeactivationPercent: none }
            """;
        using (var put = await scenario.PutAsync("hr", yaml, new Dictionary<string, string>(scenario.Values) { [SecretVariable] = receiver.Secret }))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        Assert.Equal("Succeeded", (await scenario.WaitForFirstRunAsync("hr")).GetProperty("run").GetProperty("status").GetString());
        var tenant = scenario.Ukg.Tenant;
        var leavers = tenant.Snapshot().ToArray().Where(e => e.IsHomeCompany && e.StatusCode == "A").Take(3).Select(e => e.EmployeeId).ToList();
        foreach (var id in leavers)
        {
            tenant.Terminate(id, tenant.Today().AddDays(-1));
        }
        var hire = tenant.Hire(new Simulator.Tenants.NewHire("Ada", "Quist", HireDate: tenant.Today()));

        var runId = (await scenario.PostAsync("/api/integrations/hr/sync")).GetProperty("runId").GetInt32();
        var run = await scenario.WaitForRunAsync(runId);
        var accepted = await receiver.WaitForAccepted(leavers.Count + 1, TimeSpan.FromMinutes(1));

        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(leavers.Select(id => (EventTypes.Terminated, id)).Append((EventTypes.Hired, hire.EmployeeId)).Order(),
            accepted.Select(a => (a["type"]!.ToString(), Data(a)["workerId"]!.ToString())).Order());
        var deliveries = await receiver.Deliveries();
        Assert.Equal(0, deliveries["rejected"]!.GetValue<int>());
        Assert.Empty(deliveries["duplicates"]!.AsArray());
        var outbox = await scenario.Service.Query(async db =>
        {
            db.IntegrationId = await db.Integrations.Where(i => i.Name == "hr").Select(i => i.Id).SingleAsync();
            return await db.Events.AsNoTracking().ToListAsync();
        });
        Assert.Equal(accepted.Select(a => a["id"]!.ToString()).Order(), outbox.Select(e => e.EventId).Order());
        Assert.All(outbox, e => Assert.Equal((EventStatus.Delivered, 1), (e.Status, e.Attempts)));
    }

    private static JsonNode Data(JsonObject accepted) => accepted["body"]!["data"]!;
}
