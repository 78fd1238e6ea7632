using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Tenants;

/// <summary>Transfers and manager changes: served by employment-details, recorded in the job history and the change feed.</summary>
public sealed class JobAndOrgEventTests
{
    [Fact]
    public async Task A_transfer_moves_the_employee_and_adds_a_transfer_to_the_job_history()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        var team = tenant.OrgLevels.First(o => o.Level == 4 && o.Code != employee.OrgLevel4Code);
        var job = tenant.Jobs.First(j => j.IsActive && j.JobCode != employee.JobCode);
        var location = tenant.Locations.First(l => l.LocationCode != employee.LocationCode);
        var before = await sim.JobHistoryOf(employee.EmployeeId);
        time.Advance(TimeSpan.FromHours(2));

        var changed = Assert.Single(tenant.Transfer(employee.EmployeeId, new Transfer(
            OrgLevel4Code: team.Code, LocationCode: location.LocationCode, JobCode: job.JobCode)));

        Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0), changed.DateTimeChanged);
        var employment = await sim.EmploymentOf(employee);
        Assert.Equal(team.Code, employment.Text("orgLevel4Code"));
        Assert.Equal(location.LocationCode, employment.Text("primaryWorkLocationCode"));
        Assert.Equal(job.JobCode, employment.Text("primaryJobCode"));
        Assert.Equal(job.Title, employment.Text("jobTitle"));
        Assert.Equal("2026-11-23T00:00:00", employment.Text("dateInJob"));
        Assert.Equal("2026-11-23T12:00:00", employment.Text("dateTimeChanged"));
        var history = await sim.JobHistoryOf(employee.EmployeeId);
        Assert.Equal(before.Count + 1, history.Count);
        var entry = history[^1];
        Assert.Equal("XFER", entry.Text("reasonCode"));
        Assert.True(entry.GetProperty("isTransfer").GetBoolean());
        Assert.True(entry.GetProperty("isJobChange").GetBoolean());
        Assert.Equal(job.JobCode, entry.Text("jobCode"));
        Assert.Equal("2026-11-23T00:00:00", entry.Text("jobEffectiveDate"));
        var change = Assert.Single(await sim.NextChanges(), c => c.Text("employeeId") == employee.EmployeeId);
        Assert.Equal(job.JobCode, change.Text("jobCode"));
        Assert.Equal(location.LocationCode, change.Text("workLocation"));
    }

    [Fact]
    public async Task A_transfer_that_keeps_the_job_keeps_the_date_in_job()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().Transfer(employee.EmployeeId, new Transfer(LocationCode: "REMOTE"));

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("REMOTE", employment.Text("primaryWorkLocationCode"));
        Assert.Equal(UkgReads.Local(employee.DateInJob), employment.Text("dateInJob"));
        Assert.Equal(employee.JobCode, employment.Text("primaryJobCode"));
    }

    [Fact]
    public async Task A_manager_change_shows_the_new_supervisor_everywhere()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();
        var manager = tenant.PlainActiveEmployee(skip: 5);
        time.Advance(TimeSpan.FromMinutes(30));

        tenant.ChangeManager(employee.EmployeeId, manager.EmployeeId);

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal(manager.EmployeeId, employment.Text("supervisorID"));
        Assert.Equal(manager.CompanyId, employment.Text("supervisorCOID"));
        Assert.Equal(manager.FirstName, employment.Text("supervisorFirstName"));
        Assert.Equal("2026-11-23T10:30:00", employment.Text("dateTimeChanged"));
        var supervisors = await sim.GetJson($"/personnel/v1/employee-supervisor-details?employeeId={employee.EmployeeId}");
        Assert.Equal(manager.EmployeeId, Assert.Single(supervisors.EnumerateArray()).Text("supervisorEmployeeID"));
        var entry = (await sim.JobHistoryOf(employee.EmployeeId))[^1];
        Assert.Equal("SUPV", entry.Text("reasonCode"));
        Assert.Equal(manager.EmployeeId, entry.Text("supervisorId"));
        var change = Assert.Single(await sim.NextChanges(), c => c.Text("employeeId") == employee.EmployeeId);
        Assert.Equal(manager.EmployeeId, change.Text("supervisorId"));
    }

    [Fact]
    public async Task Removing_the_manager_leaves_no_supervisor()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        sim.Tenant().ChangeManager(employee.EmployeeId, null);

        var employment = await sim.EmploymentOf(employee);
        Assert.Null(employment.TextOrNull("supervisorID"));
        Assert.Null(employment.TextOrNull("supervisorCOID"));
    }

    [Fact]
    public async Task Nonsense_job_and_manager_changes_are_refused_and_change_nothing()
    {
        var (sim, _) = await LifecycleSimulator.StartAsync();
        await using var __ = sim;
        var tenant = sim.Tenant();
        var employee = tenant.PlainActiveEmployee();

        Assert.Throws<HrEventException>(() => tenant.Transfer(employee.EmployeeId, new Transfer(JobCode: "NOJOB")));
        Assert.Throws<HrEventException>(() => tenant.Transfer(employee.EmployeeId, new Transfer(LocationCode: "REMOTE", CompanyId: "ZZZZZ")));
        Assert.Throws<HrEventException>(() => tenant.ChangeManager(employee.EmployeeId, employee.EmployeeId));
        Assert.Throws<HrEventException>(() => tenant.ChangeManager(employee.EmployeeId, "NOBODY000000"));
        Assert.Throws<HrEventException>(() => tenant.Transfer("NOBODY000000", new Transfer(LocationCode: "REMOTE")));
        Assert.Throws<HrEventException>(() => tenant.ChangeManager("NOBODY000000", null));

        Assert.Equal(employee, tenant.Current(employee));
        Assert.Empty(await sim.NextChanges());
    }
}
