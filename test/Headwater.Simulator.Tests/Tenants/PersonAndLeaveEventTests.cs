using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Tenants;

/// <summary>Name, email and leave events: person data changes without a job history entry; leave changes the status with one.</summary>
public sealed class PersonAndLeaveEventTests
{
    [Fact]
    public async Task A_rename_shows_in_person_details_and_the_change_feed_without_a_job_history_entry()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        var history = await sim.JobHistoryOf(employee.EmployeeId);
        time.Advance(TimeSpan.FromMinutes(5));

        sim.Tenant().Rename(employee.EmployeeId, "Siobhán", "Ó Súilleabháin", "Shiv");

        var person = await sim.PersonOf(employee.EmployeeId);
        Assert.Equal("Siobhán", person.Text("firstName"));
        Assert.Equal("Ó Súilleabháin", person.Text("lastName"));
        Assert.Equal("Shiv", person.Text("preferredName"));
        Assert.Equal("2026-11-23T10:05:00", person.Text("datetimeChanged"));
        Assert.Equal("2026-11-23T10:05:00", (await sim.EmploymentOf(employee)).Text("dateTimeChanged"));
        Assert.Equal(history.Count, (await sim.JobHistoryOf(employee.EmployeeId)).Count);
        var change = Assert.Single(await sim.NextChanges(), c => c.Text("employeeId") == employee.EmployeeId);
        Assert.Equal("Ó Súilleabháin", change.Text("lastName"));
    }

    [Fact]
    public async Task An_email_change_and_removal_show_in_person_details()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().ChangeEmail(employee.EmployeeId, "new.address@example.com");
        Assert.Equal("new.address@example.com", (await sim.PersonOf(employee.EmployeeId)).Text("emailAddress"));
        Assert.Single(await sim.NextChanges(), c => c.Text("emailAddress") == "new.address@example.com");

        time.Advance(TimeSpan.FromMinutes(1));
        sim.Tenant().ChangeEmail(employee.EmployeeId, null);

        var person = await sim.PersonOf(employee.EmployeeId);
        Assert.Null(person.TextOrNull("emailAddress"));
        Assert.Equal("2026-11-23T10:02:00", person.Text("datetimeChanged"));
        var change = Assert.Single(await sim.NextChanges());
        Assert.Equal(employee.EmployeeId, change.Text("employeeId"));
        Assert.Null(change.TextOrNull("emailAddress"));
    }

    [Fact]
    public async Task A_leave_sets_status_L_with_its_reason_and_a_return_sets_status_A()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        var history = await sim.JobHistoryOf(employee.EmployeeId);
        time.Advance(TimeSpan.FromMinutes(10));

        sim.Tenant().StartLeave(employee.EmployeeId, "FMLA");

        var onLeave = await sim.EmploymentOf(employee);
        Assert.Equal("L", onLeave.Text("employeeStatusCode"));
        Assert.Equal("FMLA", onLeave.Text("leaveReasonCode"));
        Assert.Equal("2026-11-23T00:00:00", onLeave.Text("statusStartDate"));
        Assert.Equal("2026-11-23T10:10:00", onLeave.Text("dateTimeChanged"));
        Assert.Equal("LOA", (await sim.JobHistoryOf(employee.EmployeeId))[^1].Text("reasonCode"));
        var leaveChange = Assert.Single(await sim.NextChanges());
        Assert.Equal("L", leaveChange.Text("employeeStatus"));
        Assert.True(leaveChange.GetProperty("isActive").GetBoolean());

        time.Advance(TimeSpan.FromDays(14));
        sim.Tenant().EndLeave(employee.EmployeeId);

        var back = await sim.EmploymentOf(employee);
        Assert.Equal("A", back.Text("employeeStatusCode"));
        Assert.Null(back.TextOrNull("leaveReasonCode"));
        Assert.Equal("2026-12-07T00:00:00", back.Text("statusStartDate"));
        Assert.Equal("2026-12-07T10:10:00", back.Text("dateTimeChanged"));
        var entries = await sim.JobHistoryOf(employee.EmployeeId);
        Assert.Equal(history.Count + 2, entries.Count);
        Assert.Equal("RFL", entries[^1].Text("reasonCode"));
        Assert.Equal("A", Assert.Single(await sim.NextChanges()).Text("employeeStatus"));
    }

    [Fact]
    public async Task A_backdated_leave_starts_on_its_own_date()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().StartLeave(employee.EmployeeId, "MED", new DateOnly(2026, 11, 16));

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("2026-11-16T00:00:00", employment.Text("statusStartDate"));
        Assert.Equal("2026-11-23T10:01:00", employment.Text("dateTimeChanged"));
        Assert.Equal("2026-11-16T00:00:00", (await sim.JobHistoryOf(employee.EmployeeId))[^1].Text("jobEffectiveDate"));
    }

    [Fact]
    public async Task Leave_events_that_make_no_sense_are_refused()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        var terminated = tenant.Snapshot().ToArray().First(r => r.IsTerminated);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Throws<HrEventException>(() => tenant.EndLeave(employee.EmployeeId));
        Assert.Throws<HrEventException>(() => tenant.StartLeave(terminated.EmployeeId, "FMLA"));
        Assert.Throws<HrEventException>(() => tenant.StartLeave("NOBODY000000", "FMLA"));
        Assert.Throws<HrEventException>(() => tenant.Rename("NOBODY000000", "A", "B"));
        Assert.Throws<HrEventException>(() => tenant.ChangeEmail("NOBODY000000", null));

        Assert.Equal(employee, tenant.Current(employee));
        Assert.Equal(terminated, tenant.Current(terminated));
        Assert.Empty(await sim.NextChanges());
    }
}
