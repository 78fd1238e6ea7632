using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Tenants;

/// <summary>Rehires reuse the employeeID, set lastHireDate and status A, and keep the old dateOfTermination.</summary>
public sealed class RehireTests
{
    [Fact]
    public async Task A_rehire_keeps_the_old_termination_date_and_sets_the_last_hire_date()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));
        tenant.Terminate(employee.EmployeeId, new DateOnly(2026, 11, 2));
        Assert.Single(await sim.NextChanges());
        time.Advance(TimeSpan.FromHours(1));

        var rehired = Assert.Single(tenant.Rehire(employee.EmployeeId));

        Assert.Equal(employee.EmployeeId, rehired.EmployeeId);
        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("A", employment.Text("employeeStatusCode"));
        Assert.Equal("2026-11-02T00:00:00", employment.Text("dateOfTermination"));
        Assert.Equal("2026-11-23T00:00:00", employment.Text("lastHireDate"));
        Assert.Equal(UkgReads.Local(employee.OriginalHireDate), employment.Text("originalHireDate"));
        Assert.Equal("2026-11-23T00:00:00", employment.Text("statusStartDate"));
        Assert.Equal("2026-11-23T11:01:00", employment.Text("dateTimeChanged"));
        var history = await sim.JobHistoryOf(employee.EmployeeId);
        Assert.Equal(["TERM", "REHIRE"], history.TakeLast(2).Select(e => e.Text("reasonCode")));
        Assert.Equal("2026-11-23T00:00:00", history[^1].Text("jobEffectiveDate"));
        var change = Assert.Single(await sim.NextChanges());
        Assert.True(change.GetProperty("isActive").GetBoolean());
        Assert.Equal("2026-11-23T00:00:00", change.Text("dateOfLastHire"));
        Assert.Equal("2026-11-02T00:00:00", change.Text("terminationDate"));
    }

    [Fact]
    public async Task A_dated_rehire_takes_its_date_as_the_last_hire_and_job_history_date()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));
        tenant.Terminate(employee.EmployeeId, new DateOnly(2026, 10, 1));

        tenant.Rehire(employee.EmployeeId, new DateOnly(2026, 12, 1));

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("2026-12-01T00:00:00", employment.Text("lastHireDate"));
        Assert.Equal("2026-10-01T00:00:00", employment.Text("dateOfTermination"));
        Assert.Equal("2026-12-01T00:00:00", (await sim.JobHistoryOf(employee.EmployeeId))[^1].Text("jobEffectiveDate"));
    }

    [Fact]
    public async Task A_rehired_employee_can_be_terminated_again_but_not_before_the_rehire()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));
        tenant.Terminate(employee.EmployeeId, new DateOnly(2026, 10, 1));
        tenant.Rehire(employee.EmployeeId, new DateOnly(2026, 11, 10));

        Assert.Throws<HrEventException>(() => tenant.Terminate(employee.EmployeeId, new DateOnly(2026, 11, 9)));
        tenant.Terminate(employee.EmployeeId, new DateOnly(2026, 11, 20));

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("T", employment.Text("employeeStatusCode"));
        Assert.Equal("2026-11-20T00:00:00", employment.Text("dateOfTermination"));
        Assert.Equal("2026-11-10T00:00:00", employment.Text("lastHireDate"));
    }

    [Fact]
    public async Task Rehires_that_make_no_sense_are_refused()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var active = tenant.PlainActiveEmployee();
        var leaver = tenant.PlainActiveEmployee(skip: 1);
        time.Advance(TimeSpan.FromMinutes(1));
        tenant.Terminate(leaver.EmployeeId, new DateOnly(2026, 11, 2));
        var terminated = tenant.Current(leaver);

        Assert.Throws<HrEventException>(() => tenant.Rehire(active.EmployeeId));
        Assert.Throws<HrEventException>(() => tenant.Rehire("NOBODY000000"));
        Assert.Throws<HrEventException>(() => tenant.Rehire(leaver.EmployeeId, new DateOnly(2026, 11, 2)));
        Assert.Throws<HrEventException>(() => tenant.Rehire(leaver.EmployeeId, new DateOnly(2026, 10, 15)));

        Assert.Equal(active, tenant.Current(active));
        Assert.Equal(terminated, tenant.Current(leaver));
    }
}
