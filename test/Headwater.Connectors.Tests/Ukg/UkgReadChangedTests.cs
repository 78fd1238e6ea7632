using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>The incremental read (api-reference §5.7): rows changed since a day, at a cost that follows the changes, not the tenant.</summary>
public sealed class UkgReadChangedTests
{
    [Fact]
    public async Task After_HR_events_the_changed_rows_come_back_for_far_fewer_calls_than_a_full_read()
    {
        var clock = Sim.Clock();
        await using var sim = await Sim.StartAsync(Sim.Small(2000) with { Api = new UkgApiSettings { MaxPageSize = 200 } }, clock);
        using var full = ConnectorUnderTest.For(sim);
        var before = await full.Reader.ReadAll(new ReadOptions());

        clock.Advance(TimeSpan.FromDays(1)); // the next morning: 2026-11-24 10:00 in New York
        var since = new DateTime(2026, 11, 24, 0, 0, 0);
        var active = sim.Rows().Where(r => r.StatusCode == "A" && r.IsHomeCompany && r.DateOfTermination is null && r.LastHireDate < Sim.AsOf)
            .Where(r => sim.Tenant.RowsOf(r.EmployeeId).Count == 1).Take(2).ToArray();
        sim.Tenant.Rename(active[0].EmployeeId, "Renée", "Nouveau-Nom");
        sim.Tenant.Terminate(active[1].EmployeeId, Sim.AsOf, "RES"); // entered this morning, effective yesterday
        var hired = sim.Tenant.Hire(new NewHire("Hana", "Neu", "hana.neu@example.com", SupervisorId: active[0].EmployeeId));
        using var incremental = ConnectorUnderTest.For(sim);

        var changed = await incremental.Reader.ReadChanged(since, new ReadOptions());

        var expected = sim.Rows().Where(r => r.DateTimeChanged >= since).Select(Sim.Key).Order().ToList();
        Assert.Contains(Sim.Key(active[0]), expected);
        Assert.Contains(Sim.Key(active[1]), expected);
        Assert.Contains(Sim.Key(hired), expected);
        Assert.Equal(expected, changed.Employments.Select(Sim.Key).Order());
        Assert.Equal(expected, changed.People.Select(Sim.Key).Order());
        Assert.Equal("Renée", changed.People.Single(p => p.EmployeeId == active[0].EmployeeId).FirstName);
        Assert.Equal("T", changed.Employments.Single(e => e.EmployeeId == active[1].EmployeeId).EmployeeStatusCode);
        Assert.Equal(active[0].EmployeeId, changed.Employments.Single(e => e.EmployeeId == hired.EmployeeId).SupervisorId);
        // The reference data is read whole either way; the personnel lists are where the tenant's size shows.
        static int Personnel(ConnectorUnderTest c) => c.Attempts.All.Count(a => a.Path.StartsWith("/personnel/", StringComparison.Ordinal));
        Assert.True(Personnel(incremental) <= 5, $"the incremental read made {Personnel(incremental)} personnel calls");
        Assert.True(Personnel(full) >= 30, $"the full read made only {Personnel(full)} personnel calls");
        Assert.True(incremental.Client.Calls * 3 < full.Client.Calls,
            $"the incremental read made {incremental.Client.Calls} calls against {full.Client.Calls} for the full read");
        Assert.True(before.Employments.Count >= 2000);
    }

    [Fact]
    public async Task The_change_filter_asks_for_on_or_after_the_day_in_UKGs_documented_form()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);

        await connector.Reader.ReadChanged(new DateTime(2026, 3, 8, 23, 59, 0), new ReadOptions());

        var personnel = connector.Attempts.All.Where(a => a.Path.StartsWith("/personnel/", StringComparison.Ordinal)).Select(a => a.Path).ToList();
        Assert.Contains("/personnel/v1/employment-details?dateTimeChanged=%3E03-08-2026&page=1&per_Page=10000", personnel);
        Assert.Contains("/personnel/v1/employment-details?isHomeCompany=false&dateTimeChanged=%3E03-08-2026&page=1&per_Page=10000", personnel);
        Assert.Contains("/personnel/v1/person-details?dateTimeChanged=%3E03-08-2026&page=1&per_Page=10000", personnel);
    }

    [Fact]
    public async Task With_nothing_changed_the_incremental_read_is_empty_but_still_brings_the_reference_data()
    {
        var clock = Sim.Clock();
        await using var sim = await Sim.StartAsync(Sim.Small(), clock);
        clock.Advance(TimeSpan.FromDays(40)); // past every future-dated termination, so those show as changes
        using var connector = ConnectorUnderTest.For(sim);

        var changed = await connector.Reader.ReadChanged(new DateTime(2026, 12, 31), new ReadOptions());

        Assert.Empty(changed.Employments);
        Assert.Empty(changed.People);
        Assert.Empty(changed.NonHomeEmployments);
        Assert.Equal(sim.Tenant.Companies.Count, changed.Reference.Companies.Count);
        Assert.Equal(sim.Tenant.OrgLevels.Count, changed.Reference.OrgLevels.Count);
    }

    [Fact]
    public async Task A_future_dated_termination_shows_as_a_change_the_day_after_it_takes_effect()
    {
        var clock = Sim.Clock();
        await using var sim = await Sim.StartAsync(Sim.Small(), clock);
        var leaver = sim.Rows().First(r => r.StatusCode == "A" && r.DateOfTermination is null && r.LastHireDate < Sim.AsOf && sim.Tenant.RowsOf(r.EmployeeId).Count == 1);
        sim.Tenant.Terminate(leaver.EmployeeId, Sim.AsOf.AddDays(2));
        clock.Advance(TimeSpan.FromDays(3)); // 2026-11-26 10:00 in New York
        using var connector = ConnectorUnderTest.For(sim);

        var changed = await connector.Reader.ReadChanged(new DateTime(2026, 11, 26), new ReadOptions());

        var row = Assert.Single(changed.Employments, e => e.EmployeeId == leaver.EmployeeId);
        Assert.Equal("T", row.EmployeeStatusCode);
        var worker = new WorkerJoin(changed.Reference, Sim.NewYork, new DateOnly(2026, 11, 26)).Join(WorkerSource.FromSnapshot(changed).Sources.Single(s => s.EmployeeId == leaver.EmployeeId));
        Assert.Equal(Core.Workers.LifecycleState.Terminated, worker.Lifecycle.State);
        Assert.Equal(Sim.AsOf.AddDays(2), worker.Lifecycle.Since);
    }
}
