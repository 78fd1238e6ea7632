using Headwater.Scheduling;
using Headwater.Tests.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Scheduling;

/// <summary>
/// The service's scheduler on a fake clock (Quartz fires a trigger after the delay worked out on it): a stored
/// integration runs at once,
/// then wakes at the start of the next tenant day with an effective date (across daylight-saving changes) and runs
/// with the EffectiveDate trigger; a service started after downtime runs a missed sync once.
/// </summary>
public sealed class IntegrationSchedulerTests
{
    /// <summary>A zone, the time of the first sync, a day with an effective date that begins before the next daily sync,
    /// and when that day begins.</summary>
    public static TheoryData<string, DateTimeOffset, DateOnly, DateTimeOffset> EffectiveDays => new()
    {
        // New York, the day daylight saving starts (02:00 → 03:00): the day begins at 00:00 EST.
        { "America/New_York", At(2027, 3, 13, 12, 0), new DateOnly(2027, 3, 14), At(2027, 3, 14, 5, 0) },
        // New York, the day it ends (02:00 → 01:00): the day begins at 00:00 EDT.
        { "America/New_York", At(2027, 11, 6, 12, 0), new DateOnly(2027, 11, 7), At(2027, 11, 7, 4, 0) },
        // Lord Howe moves by half an hour: +10:30 until 02:00 on the first Sunday of October, then +11:00.
        { "Australia/Lord_Howe", At(2027, 10, 2, 1, 0), new DateOnly(2027, 10, 3), At(2027, 10, 2, 13, 30) },
        { "Australia/Lord_Howe", At(2027, 4, 3, 1, 0), new DateOnly(2027, 4, 4), At(2027, 4, 3, 13, 0) },
        // Kolkata: +05:30, no daylight saving.
        { "Asia/Kolkata", At(2027, 3, 13, 1, 0), new DateOnly(2027, 3, 14), At(2027, 3, 13, 18, 30) },
    };

    [Theory]
    [MemberData(nameof(EffectiveDays))]
    public async Task A_day_with_an_effective_date_wakes_the_integration_at_its_start_in_the_tenant_zone(string zone, DateTimeOffset now,
        DateOnly effective, DateTimeOffset expected)
    {
        var time = new FakeTimeProvider(now);
        await using var scenario = await ServiceScenario.StartAsync(time: time);
        await scenario.CreateAsync("hr", Tenant(scenario, zone));
        var first = await scenario.WaitForFirstRunAsync("hr");
        Assert.Equal("Schedule", first.GetProperty("run").GetProperty("trigger").GetString());

        var id = await scenario.Service.Query(db => db.Integrations.Select(i => i.Id).SingleAsync());
        await scenario.Service.Query(async db =>
        {
            db.IntegrationId = id;
            await db.Workers.ExecuteUpdateAsync(set => set.SetProperty(w => w.ReviewOn, (DateOnly?)null));
            var worker = await db.Workers.OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
            return await db.Workers.Where(w => w.Id == worker).ExecuteUpdateAsync(set => set.SetProperty(w => w.ReviewOn, effective));
        });
        var scheduler = scenario.Service.App.Services.GetRequiredService<IntegrationScheduler>();
        await scheduler.RescheduleAsync(id, CancellationToken.None);
        var status = (await scenario.GetAsync("/api/integrations/hr")).GetProperty("status");
        Assert.Equal(expected, status.GetProperty("nextRunAt").GetDateTimeOffset());

        // A minute before the day begins the trigger is a minute away; just after, it fires and the run says why.
        time.SetUtcNow(expected - TimeSpan.FromMinutes(1));
        await scheduler.RescheduleAsync(id, CancellationToken.None);
        await Task.Delay(500);
        Assert.Equal(1, (await scenario.GetAsync("/api/integrations/hr/runs")).GetArrayLength());
        time.SetUtcNow(expected + TimeSpan.FromSeconds(30));
        await scheduler.RescheduleAsync(id, CancellationToken.None);
        var woken = await scenario.WaitForRunCountAsync("hr", 2);
        Assert.Equal("EffectiveDate", woken.GetProperty("run").GetProperty("trigger").GetString());
        Assert.Equal("Succeeded", woken.GetProperty("run").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_service_started_after_downtime_runs_the_missed_sync_once()
    {
        var time = new FakeTimeProvider(At(2027, 1, 10, 12, 0));
        await using var scenario = await ServiceScenario.StartAsync(time: time);
        await scenario.CreateAsync("hr");
        await scenario.WaitForFirstRunAsync("hr");

        // Three daily syncs were missed while the service was down: one runs at start, not three.
        var later = new FakeTimeProvider(time.GetUtcNow() + TimeSpan.FromDays(3));
        await scenario.RestartAsync(later);
        var missed = await scenario.WaitForRunCountAsync("hr", 2);
        Assert.Equal("Schedule", missed.GetProperty("run").GetProperty("trigger").GetString());
        await Task.Delay(500);
        Assert.Equal(2, (await scenario.GetAsync("/api/integrations/hr/runs")).GetArrayLength());
        var next = (await scenario.GetAsync("/api/integrations/hr")).GetProperty("status").GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal(later.GetUtcNow().AddHours(24), next, TimeSpan.FromMinutes(1));
    }

    private static string Tenant(ServiceScenario scenario, string zone) =>
        scenario.Yaml("hr").Replace($"timeZone: {scenario.Ukg.Options.TimeZone}", $"timeZone: {zone}", StringComparison.Ordinal);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
