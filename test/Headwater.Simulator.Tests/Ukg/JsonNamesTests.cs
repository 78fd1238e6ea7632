using System.Globalization;
using System.Text.Json;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>Each endpoint spells its JSON names its own way, quirks included (api-reference §5, §6, §10.1).</summary>
public sealed class JsonNamesTests
{
    [Fact]
    public async Task Employment_details_spell_IDs_with_an_upper_case_ID_and_the_audit_field_dateTimeChanged()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.SupervisorId is not null && r.SalaryOrHourly == "H");

        var item = Assert.Single(await sim.GetArray($"/personnel/v1/companies/{row.CompanyId}/employees/{row.EmployeeId}/employment-details"));

        var names = UkgTestKit.Names(item);
        Assert.Superset(new HashSet<string> { "employeeID", "companyID", "supervisorID", "supervisorCOID", "timeclockID", "dateTimeChanged", "dateTimeCreated", "primaryJobCode", "primaryWorkLocationCode", "employeeStatusCode", "dateOfTermination" }, names);
        Assert.DoesNotContain("employeeId", names);
        Assert.DoesNotContain("companyId", names);
        Assert.DoesNotContain("supervisorId", names);
        Assert.DoesNotContain("jobCode", names);
        Assert.DoesNotContain("datetimeChanged", names);
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(item, "employeeID"));
        Assert.Equal(row.CompanyId, UkgTestKit.Text(item, "companyID"));
        Assert.Equal(row.SupervisorId, UkgTestKit.Text(item, "supervisorID"));
        Assert.Equal(row.SupervisorCompanyId, UkgTestKit.Text(item, "supervisorCOID"));
        Assert.Equal(row.EmployeeNumber, UkgTestKit.Text(item, "timeclockID"));
        Assert.Equal(row.JobCode, UkgTestKit.Text(item, "primaryJobCode"));
        Assert.Equal(row.EmployeeNumber, UkgTestKit.Text(item, "employeeNumber"));
    }

    [Fact]
    public async Task Person_details_spell_employeeId_nameSufixCode_and_the_audit_fields_datetimeChanged()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = sim.Rows()[0];

        var item = (await sim.GetArray(UkgTestKit.PersonDetails + "?per_Page=1"))[0];

        var names = UkgTestKit.Names(item);
        Assert.Superset(new HashSet<string> { "personId", "employeeId", "companyId", "userName", "nameSufixCode", "emailAddress", "datetimeCreated", "datetimeChanged" }, names);
        Assert.DoesNotContain("employeeID", names);
        Assert.DoesNotContain("companyID", names);
        Assert.DoesNotContain("nameSuffixCode", names);
        Assert.DoesNotContain("dateTimeChanged", names);
        Assert.DoesNotContain("dateTimeCreated", names);
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(item, "employeeId"));
        Assert.Equal(row.PersonId, item.GetProperty("personId").GetGuid());
    }

    [Fact]
    public async Task Employee_changes_use_their_own_names_a_boolean_isActive_and_a_numeric_employeeNumber()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var active = UkgTestKit.SingleCompanyEmployee(sim, r => r.StatusCode == "A" && r.SupervisorId is not null && r.DateOfTermination is null);
        var terminated = UkgTestKit.SingleCompanyEmployee(sim, r => r.IsTerminated);
        clock.Advance(TimeSpan.FromMinutes(5));
        sim.Simulator.Tenant.Rename(active.EmployeeId, "Ada", active.LastName);
        sim.Simulator.Tenant.Rename(terminated.EmployeeId, "Bea", terminated.LastName);
        clock.Advance(TimeSpan.FromMinutes(5));

        var items = await sim.GetArray(UkgTestKit.EmployeeChanges);

        Assert.Equal(2, items.Count);
        var a = items.Single(i => UkgTestKit.Text(i, "employeeId") == active.EmployeeId);
        var t = items.Single(i => UkgTestKit.Text(i, "employeeId") == terminated.EmployeeId);
        var names = UkgTestKit.Names(a);
        Assert.Superset(new HashSet<string> { "employeeId", "companyId", "supervisorId", "jobCode", "workLocation", "employeeStatus", "terminationDate", "isActive", "employeeNumber", "dateOfLastHire" }, names);
        Assert.DoesNotContain("employeeID", names);
        Assert.DoesNotContain("supervisorID", names);
        Assert.DoesNotContain("primaryJobCode", names);
        Assert.DoesNotContain("primaryWorkLocationCode", names);
        Assert.DoesNotContain("employeeStatusCode", names);
        Assert.DoesNotContain("dateOfTermination", names);
        Assert.Equal(JsonValueKind.True, a.GetProperty("isActive").ValueKind);
        Assert.Equal(JsonValueKind.False, t.GetProperty("isActive").ValueKind);
        Assert.Equal("T", UkgTestKit.Text(t, "employeeStatus"));
        Assert.Equal(active.SupervisorId, UkgTestKit.Text(a, "supervisorId"));
        Assert.Equal(active.JobCode, UkgTestKit.Text(a, "jobCode"));
        Assert.Equal(active.LocationCode, UkgTestKit.Text(a, "workLocation"));
        var number = a.GetProperty("employeeNumber");
        Assert.Equal(JsonValueKind.Number, number.ValueKind);
        Assert.Equal(long.Parse(active.EmployeeNumber, CultureInfo.InvariantCulture), number.GetInt64());
        Assert.StartsWith("0", active.EmployeeNumber, StringComparison.Ordinal);
        Assert.False(number.GetRawText().StartsWith('0'), "a JSON number carries no leading zeros");
    }

    [Fact]
    public async Task Supervisor_details_spell_supervisorEmployeeID_and_describe_the_supervisor()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.SupervisorId is not null && r.EmployeeId != r.SupervisorId);
        var boss = sim.Simulator.Tenant.HomeRowOf(row.SupervisorId)!;

        var item = Assert.Single(await sim.GetArray($"/personnel/v1/employee-supervisor-details?employeeId={row.EmployeeId}"));

        var names = UkgTestKit.Names(item);
        Assert.Superset(new HashSet<string> { "employeeID", "companyID", "employeeNumber", "supervisorEmployeeID", "supervisorFirstName", "supervisorLastName", "supervisorCompanyID", "supervisorStatusCode", "supervisorEmail" }, names);
        Assert.DoesNotContain("supervisorEmployeeId", names);
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(item, "employeeID"));
        Assert.Equal(boss.EmployeeId, UkgTestKit.Text(item, "supervisorEmployeeID"));
        Assert.Equal(boss.LastName, UkgTestKit.Text(item, "supervisorLastName"));
        Assert.Equal(boss.StatusCode, UkgTestKit.Text(item, "supervisorStatusCode"));
        Assert.Equal(boss.EmailAddress, UkgTestKit.Text(item, "supervisorEmail"));
    }

    [Fact]
    public async Task User_profile_details_write_userId_and_roleId_as_numbers()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim);

        var item = Assert.Single(await sim.GetArray($"/personnel/v1/user-profile-details?employeeId={row.EmployeeId}"));

        Assert.Equal(JsonValueKind.Number, item.GetProperty("userId").ValueKind);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("roleId").ValueKind);
        Assert.Equal(row.RoleId, item.GetProperty("roleId").GetInt32());
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(item, "employeeId"));
        Assert.Equal(JsonValueKind.String, item.GetProperty("integrationUserKey").ValueKind);
    }

    [Theory]
    [InlineData("/configuration/v1/jobs")]
    [InlineData("/configuration/v2/jobs")]
    public async Task Jobs_are_keyed_by_jobCode_not_the_specs_code(string path)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        var items = await sim.GetArray(path);

        Assert.All(items, i => Assert.DoesNotContain("code", UkgTestKit.Names(i)));
        Assert.Equal(sim.Simulator.Tenant.Jobs.Select(j => j.JobCode), items.Select(i => UkgTestKit.Text(i, "jobCode")));
    }

    [Fact]
    public async Task Company_details_spell_companyID_and_write_isMasterCompany_as_the_string_true_or_false()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var companies = sim.Simulator.Tenant.Companies;

        var items = await sim.GetArray("/configuration/v1/company-details");

        Assert.Equal(companies.Select(c => c.CompanyId), items.Select(i => UkgTestKit.Text(i, "companyID")));
        Assert.All(items, i => Assert.DoesNotContain("companyId", UkgTestKit.Names(i)));
        Assert.All(items, i => Assert.Equal(JsonValueKind.String, i.GetProperty("isMasterCompany").ValueKind));
        Assert.Equal(companies.Select(c => c.IsMaster ? "true" : "false"), items.Select(i => UkgTestKit.Text(i, "isMasterCompany")));
    }
}
