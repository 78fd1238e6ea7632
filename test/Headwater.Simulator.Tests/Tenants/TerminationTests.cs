using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Tenants;

/// <summary>
/// Terminations: a termination dated before today makes the status T at once; one dated today or later keeps the
/// status A with dateOfTermination set until that day ends in tenant time, then reads T, stamped at the day's end.
/// </summary>
public sealed class TerminationTests
{
    [Fact]
    public async Task A_backdated_termination_reads_T_at_once_with_its_date_and_reason()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        var changed = Assert.Single(sim.Tenant().Terminate(employee.EmployeeId, new DateOnly(2026, 11, 20), "INV"));

        Assert.Equal(EmployeeStatus.Terminated, changed.StatusCode);
        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("T", employment.Text("employeeStatusCode"));
        Assert.Equal("2026-11-20T00:00:00", employment.Text("dateOfTermination"));
        Assert.Equal("2026-11-20T00:00:00", employment.Text("statusStartDate"));
        Assert.Equal("INV", employment.Text("termReason"));
        Assert.Equal("I", employment.Text("termType"));
        Assert.Equal("2026-11-23T10:01:00", employment.Text("dateTimeChanged"));
        var entry = (await sim.JobHistoryOf(employee.EmployeeId))[^1];
        Assert.Equal("TERM", entry.Text("reasonCode"));
        Assert.Equal("2026-11-20T00:00:00", entry.Text("jobEffectiveDate"));
        Assert.Equal("T", entry.Text("employeeStatus"));
        var change = Assert.Single(await sim.NextChanges());
        Assert.False(change.GetProperty("isActive").GetBoolean());
        Assert.Equal("2026-11-20T00:00:00", change.Text("terminationDate"));
    }

    [Fact]
    public async Task A_termination_today_keeps_status_A_until_the_day_ends_in_tenant_time()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().Terminate(employee.EmployeeId);

        var sameDay = await sim.EmploymentOf(employee);
        Assert.Equal("A", sameDay.Text("employeeStatusCode"));
        Assert.Equal("2026-11-23T00:00:00", sameDay.Text("dateOfTermination"));
        Assert.Equal("2026-11-23T10:01:00", sameDay.Text("dateTimeChanged"));
        Assert.Single(await sim.NextChanges());

        time.Advance(new DateTimeOffset(2026, 11, 24, 4, 59, 0, TimeSpan.Zero) - time.GetUtcNow()); // 23:59 in New York
        Assert.Equal("A", (await sim.EmploymentOf(employee)).Text("employeeStatusCode"));

        time.Advance(TimeSpan.FromMinutes(2));
        var nextDay = await sim.EmploymentOf(employee);
        Assert.Equal("T", nextDay.Text("employeeStatusCode"));
        Assert.Equal("2026-11-24T00:00:00", nextDay.Text("dateTimeChanged"));
        Assert.Equal("2026-11-23T00:00:00", nextDay.Text("statusStartDate"));
        var change = Assert.Single(await sim.NextChanges());
        Assert.Equal("T", change.Text("employeeStatus"));
    }

    [Fact]
    public async Task A_future_dated_termination_keeps_status_A_and_reads_T_after_that_day_ends()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().Terminate(employee.EmployeeId, new DateOnly(2026, 12, 4));

        var pending = await sim.EmploymentOf(employee);
        Assert.Equal("A", pending.Text("employeeStatusCode"));
        Assert.Equal("2026-12-04T00:00:00", pending.Text("dateOfTermination"));
        Assert.Equal("RES", pending.Text("termReason"));
        Assert.Equal("2026-11-23T10:01:00", pending.Text("dateTimeChanged"));
        Assert.True(Assert.Single(await sim.NextChanges()).GetProperty("isActive").GetBoolean());

        time.Advance(new DateTimeOffset(2026, 12, 5, 4, 0, 0, TimeSpan.Zero) - time.GetUtcNow()); // 23:00 on 4 December in New York
        Assert.Equal("A", (await sim.EmploymentOf(employee)).Text("employeeStatusCode"));

        time.Advance(TimeSpan.FromHours(3));
        var terminated = await sim.EmploymentOf(employee);
        Assert.Equal("T", terminated.Text("employeeStatusCode"));
        Assert.Equal("2026-12-05T00:00:00", terminated.Text("dateTimeChanged"));
        Assert.Equal("2026-12-04T00:00:00", terminated.Text("dateOfTermination"));
        Assert.Equal("2026-12-04T00:00:00", terminated.Text("statusStartDate"));
        var change = Assert.Single(await sim.NextChanges());
        Assert.Equal(employee.EmployeeId, change.Text("employeeId"));
        Assert.False(change.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task A_future_dated_termination_adds_one_job_history_entry_effective_on_its_date()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        var before = (await sim.JobHistoryOf(employee.EmployeeId)).Count;
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().Terminate(employee.EmployeeId, new DateOnly(2026, 12, 4));
        time.Advance(TimeSpan.FromDays(12));

        var history = await sim.JobHistoryOf(employee.EmployeeId);
        var term = Assert.Single(history, e => e.Text("reasonCode") == "TERM");
        Assert.Equal(before + 1, history.Count);
        Assert.Equal("2026-12-04T00:00:00", term.Text("jobEffectiveDate"));
        Assert.Equal("T", term.Text("employeeStatus"));
    }

    [Fact]
    public async Task Person_details_show_a_due_termination_on_the_first_read_after_the_day_ends()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));
        sim.Tenant().Terminate(employee.EmployeeId, new DateOnly(2026, 11, 25));

        time.Advance(TimeSpan.FromDays(3));

        Assert.Equal("2026-11-26T00:00:00", (await sim.PersonOf(employee.EmployeeId)).Text("datetimeChanged"));
    }

    [Fact]
    public async Task Terminating_one_company_of_a_person_in_two_leaves_the_other_employment_active()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync(employees: 1_000);
        await using var _ = sim;
        var tenant = sim.Tenant();
        var second = tenant.Snapshot().ToArray().First(r => !r.IsHomeCompany && r.StatusCode == EmployeeStatus.Active && r.DateOfTermination is null);
        var home = tenant.RowsOf(second.EmployeeId).Single(r => r.IsHomeCompany);
        time.Advance(TimeSpan.FromMinutes(1));

        var changed = Assert.Single(tenant.Terminate(second.EmployeeId, new DateOnly(2026, 11, 22), companyId: second.CompanyId));

        Assert.Equal(second.CompanyId, changed.CompanyId);
        Assert.Equal("T", (await sim.EmploymentOf(second)).Text("employeeStatusCode"));
        var homeEmployment = await sim.EmploymentOf(home);
        Assert.Equal(home.StatusCode, homeEmployment.Text("employeeStatusCode"));
        Assert.Equal(UkgReads.Local(home.DateTimeChanged), homeEmployment.Text("dateTimeChanged"));
    }

    [Fact]
    public async Task Terminations_that_make_no_sense_are_refused()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        var terminated = tenant.Snapshot().ToArray().First(r => r.IsTerminated && tenant.RowsOf(r.EmployeeId).Count == 1);
        time.Advance(TimeSpan.FromMinutes(1));

        var early = Assert.Throws<HrEventException>(() => tenant.Terminate(employee.EmployeeId, employee.LastHireDate.AddDays(-1)));
        Assert.Contains("last hire date", early.Message, StringComparison.Ordinal);
        Assert.Throws<HrEventException>(() => tenant.Terminate(terminated.EmployeeId));
        Assert.Throws<HrEventException>(() => tenant.Terminate("NOBODY000000"));
        Assert.Throws<HrEventException>(() => tenant.Terminate(employee.EmployeeId, companyId: "ZZZZZ"));

        Assert.Equal(employee, tenant.Current(employee));
        Assert.Equal(terminated, tenant.Current(terminated));
        Assert.Empty(await sim.NextChanges());
    }
}
