using System.Text.Json.Nodes;
using Headwater.Data;
using Headwater.Scheduling;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Scheduling;

/// <summary>
/// The service's scheduler on a fake clock shared by the service and the UKG tenant: a termination is applied, and a
/// future hire's account created, when the tenant's day they wait for begins (across daylight-saving changes), not at
/// the next daily sync; a service started after downtime runs the missed sync once.
/// </summary>
public sealed class IntegrationSchedulerTests
{
    /// <summary>A zone, the time of the first sync, the last day of a leaver (a hire starts the day after), and when
    /// the day after begins.</summary>
    public static TheoryData<string, DateTimeOffset, DateOnly, DateTimeOffset> EffectiveDays => new()
    {
        // New York, the night daylight saving starts (02:00 → 03:00 on the 14th): the 14th begins at 00:00 EST.
        { "America/New_York", At(2027, 3, 13, 12, 0), new DateOnly(2027, 3, 13), At(2027, 3, 14, 5, 0) },
        // New York, the night it ends (02:00 → 01:00 on 7 November): the 7th begins at 00:00 EDT.
        { "America/New_York", At(2027, 11, 6, 12, 0), new DateOnly(2027, 11, 6), At(2027, 11, 7, 4, 0) },
        // Lord Howe moves by half an hour: +10:30 until 02:00 on the first Sunday of October, then +11:00.
        { "Australia/Lord_Howe", At(2027, 10, 2, 1, 0), new DateOnly(2027, 10, 2), At(2027, 10, 2, 13, 30) },
        { "Australia/Lord_Howe", At(2027, 4, 3, 1, 0), new DateOnly(2027, 4, 3), At(2027, 4, 3, 13, 0) },
        // Kolkata: +05:30, no daylight saving.
        { "Asia/Kolkata", At(2027, 3, 13, 1, 0), new DateOnly(2027, 3, 13), At(2027, 3, 13, 18, 30) },
    };

    [Theory]
    [MemberData(nameof(EffectiveDays))]
    public async Task A_termination_and_a_hire_take_effect_when_their_tenant_day_begins(string zone, DateTimeOffset now, DateOnly lastDay,
        DateTimeOffset dayAfter)
    {
        var time = new FakeTimeProvider(now);
        await using var scenario = await ServiceScenario.StartAsync(time: time, timeZone: zone);
        // Access ends when the last day is over, not as soon as the termination is entered.
        await scenario.CreateAsync("hr", scenario.Yaml("hr") + "\n    lifecycle:\n      terminationToday: endOfDay");
        await scenario.WaitForFirstRunAsync("hr");
        var tenant = scenario.Ukg.Tenant;
        var leaver = tenant.Snapshot().ToArray().First(r => Account(scenario, r.EmployeeId)?["active"]?.GetValue<bool>() == true).EmployeeId;
        tenant.Terminate(leaver, lastDay);
        var hire = tenant.Hire(new NewHire("Ngozi", "Okafor", "ngozi.okafor@example.com", HireDate: lastDay.AddDays(1))).EmployeeId;

        var recorded = await scenario.PostAsync("/api/integrations/hr/sync");
        await scenario.WaitForRunAsync(recorded.GetProperty("runId").GetInt32());
        Assert.True(Account(scenario, leaver)?["active"]?.GetValue<bool>());
        Assert.Null(Account(scenario, hire));
        // The next run is the start of the day after the last day, in the tenant's zone, well before the daily sync.
        await AssertNextRunAsync(scenario, dayAfter);

        // A minute before, nothing runs.
        time.SetUtcNow(dayAfter - TimeSpan.FromMinutes(1));
        await Task.Delay(300);
        Assert.Equal(2, (await scenario.GetAsync("/api/integrations/hr/runs")).GetArrayLength());

        time.SetUtcNow(dayAfter);
        var wokenRun = await scenario.WaitForRunCountAsync("hr", 3);
        var woken = wokenRun.GetProperty("run");
        Assert.Equal("EffectiveDate", woken.GetProperty("trigger").GetString());
        Assert.Equal("Succeeded", woken.GetProperty("status").GetString());
        Assert.InRange(woken.GetProperty("finishedAt").GetDateTimeOffset(), dayAfter, dayAfter + TimeSpan.FromMinutes(15));
        Assert.False(Account(scenario, leaver)?["active"]?.GetValue<bool>());
        Assert.True(Account(scenario, hire)?["active"]?.GetValue<bool>());
        // With nothing left to wait for, the next run is the daily sync after this one.
        await AssertNextRunAsync(scenario, woken.GetProperty("finishedAt").GetDateTimeOffset() + TimeSpan.FromHours(24));
        var kinds = wokenRun.GetProperty("outcomes").EnumerateArray()
            .ToDictionary(o => o.GetProperty("workerId").GetString()!, o => o.GetProperty("kind").GetString());
        Assert.Equal("Deactivate", kinds[leaver]);
        Assert.Equal("Create", kinds[hire]);
    }

    [Fact]
    public async Task A_service_started_after_downtime_runs_the_missed_sync_once()
    {
        var time = new FakeTimeProvider(At(2027, 1, 10, 12, 0));
        await using var scenario = await ServiceScenario.StartAsync(time: time);
        await scenario.CreateAsync("hr");
        await scenario.WaitForFirstRunAsync("hr");

        // Three daily syncs are missed while the service is down: one runs at start, not three.
        await scenario.RestartAsync(time, () => time.Advance(TimeSpan.FromDays(3)));
        var missed = (await scenario.WaitForRunCountAsync("hr", 2)).GetProperty("run");
        Assert.Equal("Schedule", missed.GetProperty("trigger").GetString());
        Assert.Equal("Succeeded", missed.GetProperty("status").GetString());
        await Task.Delay(300);
        Assert.Equal(2, (await scenario.GetAsync("/api/integrations/hr/runs")).GetArrayLength());
        await AssertNextRunAsync(scenario, time.GetUtcNow() + TimeSpan.FromHours(24));

        // The next daily sync comes 24 hours after the last one finished.
        time.Advance(TimeSpan.FromHours(24));
        var daily = (await scenario.WaitForRunCountAsync("hr", 3)).GetProperty("run");
        Assert.Equal("Schedule", daily.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_scheduled_run_a_node_queued_and_left_before_starting_names_that_node_once_interrupted()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));
        var services = scenario.Service.App.Services;
        int integrationId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            var record = await db.Integrations.SingleAsync(i => i.Name == "hr");
            // Due now, as when a node's job fires for it (Quartz keeps its own trigger, still in 2099).
            record.NextRunAt = TimeProvider.System.GetUtcNow();
            await db.SaveChangesAsync();
            integrationId = record.Id;
        }

        // A node's job queues the scheduled run, and the node dies before the run starts: the next job finds it.
        var queued = await services.GetRequiredService<IntegrationScheduler>().QueueScheduledAsync(integrationId, "node-b", default);
        var interrupted = await services.GetRequiredService<IntegrationRunner>().InterruptAbandonedAsync(integrationId, default);

        Assert.Equal([queued!.Value], interrupted);
        var run = (await scenario.GetAsync($"/api/runs/{queued}")).GetProperty("run");
        Assert.Equal("Interrupted", run.GetProperty("status").GetString());
        Assert.Equal("node-b", run.GetProperty("node").GetString());
    }

    /// <summary>The next run is worked out just after a run is recorded as finished, so it is waited for (up to ten
    /// seconds on the real clock) rather than read once.</summary>
    private static async Task AssertNextRunAsync(ServiceScenario scenario, DateTimeOffset expected)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (true)
        {
            var next = (await scenario.GetAsync("/api/integrations/hr")).GetProperty("status").GetProperty("nextRunAt").GetDateTimeOffset();
            if (next == expected || TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Equal(expected, next);
                return;
            }
            await Task.Delay(50);
        }
    }

    private static JsonObject? Account(ServiceScenario scenario, string employeeId) =>
        scenario.Scim.Users.SingleOrDefault(u => u["externalId"]?.GetValue<string>() == employeeId);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
