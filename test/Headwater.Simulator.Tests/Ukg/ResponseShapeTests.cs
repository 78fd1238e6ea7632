using System.Net;
using System.Text.Json;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>Lists are bare JSON arrays with no envelope; a few per-employee paths differ (api-reference §3, §5.1, §5.3).</summary>
public sealed class ResponseShapeTests
{
    [Theory]
    [InlineData("/personnel/v1/employment-details")]
    [InlineData("/personnel/v1/companies/{company}/employment-details")]
    [InlineData("/personnel/v1/person-details")]
    [InlineData("/personnel/v1/companies/{company}/person-details")]
    [InlineData("/personnel/v1/employee-supervisor-details")]
    [InlineData("/personnel/v1/user-profile-details")]
    [InlineData("/configuration/v1/company-details")]
    [InlineData("/configuration/v1/org-levels")]
    [InlineData("/configuration/v1/locations")]
    [InlineData("/configuration/v1/jobs")]
    [InlineData("/configuration/v2/jobs")]
    public async Task List_endpoints_answer_a_bare_JSON_array_of_objects(string template)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var path = template.Replace("{company}", sim.Rows()[0].CompanyId, StringComparison.Ordinal);

        var items = await sim.GetArray(path);

        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(JsonValueKind.Object, i.ValueKind));
    }

    [Fact]
    public async Task Person_details_by_employee_id_is_a_single_object()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = sim.Rows()[3];

        var item = await sim.GetJson($"{UkgTestKit.PersonDetails}/{row.EmployeeId}");

        Assert.Equal(JsonValueKind.Object, item.ValueKind);
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(item, "employeeId"));
        Assert.Equal(row.LastName, UkgTestKit.Text(item, "lastName"));
    }

    [Theory]
    [InlineData("employment-details", "employeeID")]
    [InlineData("person-details", "employeeId")]
    public async Task The_company_and_employee_path_answers_an_array_even_for_one_employee(string resource, string idName)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim);

        var items = await sim.GetArray($"/personnel/v1/companies/{row.CompanyId}/employees/{row.EmployeeId}/{resource}");

        Assert.Equal(row.EmployeeId, UkgTestKit.Text(Assert.Single(items), idName));
    }

    [Fact]
    public async Task An_employee_in_two_companies_has_one_employment_row_per_company_with_the_same_employeeID()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var second = rows.First(r => !r.IsHomeCompany);

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?employeeId={second.EmployeeId}");

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(second.EmployeeId, UkgTestKit.Text(i, "employeeID")));
        Assert.Equal(
            rows.Where(r => r.EmployeeId == second.EmployeeId).Select(r => r.CompanyId).Order(),
            items.Select(i => UkgTestKit.Text(i, "companyID")).Order());
    }

    [Theory]
    [InlineData("/personnel/v1/person-details/ZZZZZZZZZZZZ")]
    [InlineData("/personnel/v1/companies/{company}/employees/ZZZZZZZZZZZZ/employment-details")]
    [InlineData("/personnel/v1/companies/{company}/employees/ZZZZZZZZZZZZ/person-details")]
    [InlineData("/personnel/v1/employee-changes/ZZZZZZZZZZZZ")]
    public async Task An_unknown_employee_is_404(string template)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var path = template.Replace("{company}", sim.Rows()[0].CompanyId, StringComparison.Ordinal);

        using var response = await sim.Get(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_employee_asked_for_under_a_company_they_do_not_work_in_is_404()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim);
        var other = sim.Simulator.Tenant.Companies.First(c => c.CompanyId != row.CompanyId);

        using var response = await sim.Get($"/personnel/v1/companies/{other.CompanyId}/employees/{row.EmployeeId}/employment-details");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_responses_are_JSON()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        using var response = await sim.Get(UkgTestKit.EmploymentDetails + "?per_Page=1");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
