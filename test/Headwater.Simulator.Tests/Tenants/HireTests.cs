using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Tenants;

public sealed class HireTests
{
    [Fact]
    public async Task A_hire_is_served_with_the_hire_date_and_the_tenant_local_time_of_the_event()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var manager = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        var hired = sim.Tenant().Hire(new NewHire("Zoë", "Ångström", "zoe.angstrom@example.com", SupervisorId: manager.EmployeeId));

        Assert.Equal(new DateTime(2026, 11, 23, 10, 1, 0), hired.DateTimeChanged);
        var employment = await sim.EmploymentOf(hired);
        Assert.Equal("A", employment.Text("employeeStatusCode"));
        Assert.Equal("2026-11-23T00:00:00", employment.Text("lastHireDate"));
        Assert.Equal("2026-11-23T00:00:00", employment.Text("originalHireDate"));
        Assert.Equal("2026-11-23T10:01:00", employment.Text("dateTimeChanged"));
        Assert.Equal("2026-11-23T10:01:00", employment.Text("dateTimeCreated"));
        Assert.Equal(manager.EmployeeId, employment.Text("supervisorID"));
        Assert.Equal(manager.LastName, employment.Text("supervisorLastName"));
        Assert.Equal(manager.OrgLevel4Code, employment.Text("orgLevel4Code"));
        Assert.Null(employment.TextOrNull("dateOfTermination"));
        var person = await sim.PersonOf(hired.EmployeeId);
        Assert.Equal("Zoë", person.Text("firstName"));
        Assert.Equal("Ångström", person.Text("lastName"));
        Assert.Equal("zoe.angstrom@example.com", person.Text("emailAddress"));
        Assert.Equal("2026-11-23T10:01:00", person.Text("datetimeChanged"));
    }

    [Fact]
    public async Task A_hire_has_a_hire_entry_in_the_job_history_and_appears_in_the_change_feed()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        time.Advance(TimeSpan.FromMinutes(1));

        var hired = sim.Tenant().Hire(new NewHire("Ada", "Lovelace"));

        var history = Assert.Single(await sim.JobHistoryOf(hired.EmployeeId));
        Assert.Equal("HIRE", history.Text("reasonCode"));
        Assert.Equal("2026-11-23T00:00:00", history.Text("jobEffectiveDate"));
        Assert.Equal(hired.JobCode, history.Text("jobCode"));
        var change = Assert.Single(await sim.NextChanges());
        Assert.Equal(hired.EmployeeId, change.Text("employeeId"));
        Assert.True(change.GetProperty("isActive").GetBoolean());
        Assert.Equal("A", change.Text("employeeStatus"));
    }

    [Fact]
    public async Task Hires_get_new_unique_ids_and_numbers()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        time.Advance(TimeSpan.FromMinutes(1));
        var existing = sim.Tenant().Snapshot().ToArray();

        var first = sim.Tenant().Hire(new NewHire("Ada", "Lovelace"));
        var second = sim.Tenant().Hire(new NewHire("Alan", "Turing"));

        Assert.Matches("^[0-9A-Z]{12}$", first.EmployeeId);
        Assert.NotEqual(first.EmployeeId, second.EmployeeId);
        Assert.NotEqual(first.EmployeeNumber, second.EmployeeNumber);
        Assert.DoesNotContain(existing, r => r.EmployeeId == first.EmployeeId || r.EmployeeId == second.EmployeeId);
        Assert.DoesNotContain(existing, r => r.EmployeeNumber == first.EmployeeNumber || r.EmployeeNumber == second.EmployeeNumber);
        Assert.Equal(existing.Length + 2, sim.Tenant().RowCount);
    }

    [Fact]
    public async Task A_future_dated_hire_is_active_with_the_future_hire_date()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        time.Advance(TimeSpan.FromMinutes(1));

        var hired = sim.Tenant().Hire(new NewHire("Grace", "Hopper", HireDate: new DateOnly(2026, 12, 7)));

        var employment = await sim.EmploymentOf(hired);
        Assert.Equal("A", employment.Text("employeeStatusCode"));
        Assert.Equal("2026-12-07T00:00:00", employment.Text("lastHireDate"));
        Assert.Equal("2026-11-23T10:01:00", employment.Text("dateTimeCreated"));
    }

    [Fact]
    public async Task A_hire_into_an_unknown_company_job_or_supervisor_is_refused()
    {
        var (sim, _) = await LifecycleSimulator.StartAsync();
        await using var __ = sim;
        var rows = sim.Tenant().RowCount;

        Assert.Throws<HrEventException>(() => sim.Tenant().Hire(new NewHire("A", "B", CompanyId: "ZZZZZ")));
        Assert.Throws<HrEventException>(() => sim.Tenant().Hire(new NewHire("A", "B", JobCode: "NOJOB")));
        Assert.Throws<HrEventException>(() => sim.Tenant().Hire(new NewHire("A", "B", SupervisorId: "NOBODY000000")));
        Assert.Equal(rows, sim.Tenant().RowCount);
    }
}
