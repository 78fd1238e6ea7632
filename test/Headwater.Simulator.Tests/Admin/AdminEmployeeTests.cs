using System.Net;
using System.Text.Json;
using Headwater.Simulator.Admin;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;
using Headwater.Simulator.Tests.Tenants;

namespace Headwater.Simulator.Tests.Admin;

/// <summary>HR events through the admin API under /_sim/employees, as a test of another process would send them.</summary>
public sealed class AdminEmployeeTests
{
    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    [Fact]
    public async Task A_hire_posted_to_the_admin_api_is_served_by_the_ukg_api()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var manager = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(15));

        var summary = Assert.Single((await Ok(await sim.PostAdmin("/_sim/employees/",
            new NewHire("Mária", "Nováková", "maria.novakova@example.com", SupervisorId: manager.EmployeeId)))).EnumerateArray());

        var employeeId = summary.Text("employeeId");
        Assert.Equal("A", summary.Text("statusCode"));
        Assert.Equal("2026-11-23T10:15:00", summary.Text("dateTimeChanged"));
        var employment = await sim.EmploymentOf(summary.Text("companyId"), employeeId);
        Assert.Equal(summary.Text("employeeNumber"), employment.Text("employeeNumber"));
        Assert.Equal(manager.EmployeeId, employment.Text("supervisorID"));
        Assert.Equal("2026-11-23T10:15:00", employment.Text("dateTimeChanged"));
        Assert.Equal("Nováková", (await sim.PersonOf(employeeId)).Text("lastName"));
        Assert.Equal("HIRE", Assert.Single(await sim.JobHistoryOf(employeeId)).Text("reasonCode"));
        Assert.Equal(employeeId, Assert.Single(await sim.NextChanges()).Text("employeeId"));
    }

    [Fact]
    public async Task A_termination_and_a_rehire_posted_to_the_admin_api_are_served_by_the_ukg_api()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        var terminated = Assert.Single((await Ok(await sim.PostAdmin($"/_sim/employees/{employee.EmployeeId}/terminate",
            new Termination(new DateOnly(2026, 11, 20), "RIF")))).EnumerateArray());

        Assert.Equal("T", terminated.Text("statusCode"));
        Assert.Equal("2026-11-20", terminated.Text("dateOfTermination"));
        var afterTermination = await sim.EmploymentOf(employee);
        Assert.Equal("T", afterTermination.Text("employeeStatusCode"));
        Assert.Equal("RIF", afterTermination.Text("termReason"));
        Assert.False(Assert.Single(await sim.NextChanges()).GetProperty("isActive").GetBoolean());

        time.Advance(TimeSpan.FromMinutes(1));
        var rehired = Assert.Single((await Ok(await sim.PostAdmin($"/_sim/employees/{employee.EmployeeId}/rehire", new Rehire()))).EnumerateArray());

        Assert.Equal("A", rehired.Text("statusCode"));
        Assert.Equal("2026-11-20", rehired.Text("dateOfTermination"));
        Assert.StartsWith("2026-11-23T10:02:00", rehired.Text("dateTimeChanged"), StringComparison.Ordinal);
        var afterRehire = await sim.EmploymentOf(employee);
        Assert.Equal("A", afterRehire.Text("employeeStatusCode"));
        Assert.Equal("2026-11-23T00:00:00", afterRehire.Text("lastHireDate"));
        Assert.Equal("2026-11-20T00:00:00", afterRehire.Text("dateOfTermination"));
        Assert.Equal(["TERM", "REHIRE"], (await sim.JobHistoryOf(employee.EmployeeId)).TakeLast(2).Select(e => e.Text("reasonCode")));
        Assert.True(Assert.Single(await sim.NextChanges()).GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task A_future_termination_posted_to_the_admin_api_reads_T_after_its_day()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        time.Advance(TimeSpan.FromMinutes(1));

        var pending = Assert.Single((await Ok(await sim.PostAdmin($"/_sim/employees/{employee.EmployeeId}/terminate",
            new Termination(new DateOnly(2026, 11, 30))))).EnumerateArray());
        Assert.Equal("A", pending.Text("statusCode"));
        Assert.Equal("2026-11-30", pending.Text("dateOfTermination"));

        time.Advance(TimeSpan.FromDays(8));

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("T", employment.Text("employeeStatusCode"));
        Assert.Equal("2026-12-01T00:00:00", employment.Text("dateTimeChanged"));
    }

    [Fact]
    public async Task Transfer_manager_name_email_and_leave_events_are_accepted_by_the_admin_api()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        var manager = sim.Tenant().PlainActiveEmployee(skip: 3);
        var id = employee.EmployeeId;
        time.Advance(TimeSpan.FromMinutes(1));

        await Ok(await sim.PostAdmin($"/_sim/employees/{id}/transfer", new Transfer(LocationCode: "REMOTE")));
        await Ok(await sim.PostAdmin($"/_sim/employees/{id}/manager", new ManagerChange(manager.EmployeeId)));
        await Ok(await sim.PostAdmin($"/_sim/employees/{id}/name", new NameChange("Jürgen", "Groß")));
        await Ok(await sim.PostAdmin($"/_sim/employees/{id}/email", new EmailChange("jurgen.gross@example.com")));
        await Ok(await sim.PostAdmin($"/_sim/employees/{id}/leave", new LeaveStart("PAT")));

        var employment = await sim.EmploymentOf(employee);
        Assert.Equal("REMOTE", employment.Text("primaryWorkLocationCode"));
        Assert.Equal(manager.EmployeeId, employment.Text("supervisorID"));
        Assert.Equal("L", employment.Text("employeeStatusCode"));
        Assert.Equal("PAT", employment.Text("leaveReasonCode"));
        var person = await sim.PersonOf(id);
        Assert.Equal("Groß", person.Text("lastName"));
        Assert.Equal("jurgen.gross@example.com", person.Text("emailAddress"));

        var back = Assert.Single((await Ok(await sim.Http.PostAsync(new Uri($"/_sim/employees/{id}/return", UriKind.Relative), null))).EnumerateArray());
        Assert.Equal("A", back.Text("statusCode"));
        Assert.Equal(["XFER", "SUPV", "LOA", "RFL"], (await sim.JobHistoryOf(id)).TakeLast(4).Select(e => e.Text("reasonCode")));
    }

    [Theory]
    [InlineData("terminate", """{"date":"1990-01-01"}""", "last hire date")]
    [InlineData("rehire", "{}", "not terminated")]
    [InlineData("return", null, "not on leave")]
    [InlineData("manager", """{"supervisorId":"NOBODY000000"}""", "Unknown supervisor")]
    [InlineData("transfer", """{"jobCode":"NOJOB"}""", "Unknown job")]
    public async Task A_refused_event_is_a_400_problem_that_changes_nothing(string path, string? body, string reason)
    {
        var (sim, _) = await LifecycleSimulator.StartAsync();
        await using var __ = sim;
        var employee = sim.Tenant().PlainActiveEmployee();
        using var content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await sim.Http.PostAsync(new Uri($"/_sim/employees/{employee.EmployeeId}/{path}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("The HR event was refused.", problem.Text("title"));
        Assert.Contains(reason, problem.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(employee, sim.Tenant().Current(employee));
    }

    [Fact]
    public async Task An_event_for_an_unknown_employee_is_a_400_problem_naming_the_employee()
    {
        var (sim, _) = await LifecycleSimulator.StartAsync();
        await using var __ = sim;

        using var response = await sim.PostAdmin("/_sim/employees/NOBODY000000/terminate", new Termination());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("NOBODY000000", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_info_endpoint_reports_the_rows_and_the_tenant_local_time()
    {
        var (sim, time) = await LifecycleSimulator.StartAsync();
        await using var _ = sim;
        time.Advance(TimeSpan.FromMinutes(30));
        sim.Tenant().Hire(new NewHire("Ada", "Lovelace"));

        var info = await sim.GetJson("/_sim/info");

        Assert.Equal(sim.Tenant().RowCount, info.GetProperty("rows").GetInt32());
        Assert.Equal("2026-11-23T10:30:00", info.Text("localNow"));
        Assert.Equal("America/New_York", info.Text("timeZone"));
        Assert.Equal(sim.Simulator.Options.CustomerApiKey, info.Text("customerApiKey"));
    }
}
