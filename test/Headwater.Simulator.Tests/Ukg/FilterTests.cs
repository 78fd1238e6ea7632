using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>Equality filters on code-type query parameters, compared without regard to case (api-reference §4).</summary>
public sealed class FilterTests
{
    [Fact]
    public async Task An_employeeNumber_with_leading_zeros_finds_that_employee()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var wanted = rows[41].EmployeeNumber;

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?employeeNumber={wanted}");

        Assert.StartsWith("0", wanted, StringComparison.Ordinal);
        Assert.NotEmpty(items);
        Assert.Equal(rows.Where(r => r.EmployeeNumber == wanted).Select(UkgTestKit.Key), items.Select(UkgTestKit.EmploymentKey));
        Assert.All(items, i => Assert.Equal(wanted, UkgTestKit.Text(i, "employeeNumber")));
    }

    [Fact]
    public async Task A_companyId_filter_matches_whatever_the_case()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var company = sim.Simulator.Tenant.Companies[1].CompanyId;

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?companyId={company.ToLowerInvariant()}");

        var expected = rows.Where(r => r.CompanyId == company).Select(UkgTestKit.Key).ToList();
        Assert.InRange(expected.Count, 1, rows.Length - 1);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
    }

    [Theory]
    [InlineData("T")]
    [InlineData("t")]
    public async Task An_employeeStatusCode_filter_returns_just_that_status(string code)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?employeeStatusCode={code}");

        var expected = rows.Where(r => r.StatusCode == "T").Select(UkgTestKit.Key).ToList();
        Assert.InRange(expected.Count, 1, rows.Length - 1);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
        Assert.All(items, i => Assert.Equal("T", UkgTestKit.Text(i, "employeeStatusCode")));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("Y", true)]
    [InlineData("false", false)]
    [InlineData("N", false)]
    public async Task The_isHomeCompany_filter_separates_home_rows_from_second_company_rows(string value, bool home)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?isHomeCompany={value}");

        var expected = rows.Where(r => r.IsHomeCompany == home).Select(UkgTestKit.Key).ToList();
        Assert.InRange(expected.Count, 1, rows.Length - 1);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
    }

    [Fact]
    public async Task Several_filters_must_all_match()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var company = sim.Simulator.Tenant.Companies[0].CompanyId;

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?companyId={company}&employeeStatusCode=A&isHomeCompany=true");

        var expected = rows.Where(r => r.CompanyId == company && r.StatusCode == "A" && r.IsHomeCompany).Select(UkgTestKit.Key).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
    }

    [Fact]
    public async Task A_filter_that_matches_one_row_still_answers_an_array()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim);

        var items = await sim.GetArray($"{UkgTestKit.PersonDetails}?employeeId={row.EmployeeId}");

        Assert.Equal(row.EmployeeId, UkgTestKit.Text(Assert.Single(items), "employeeId"));
    }

    [Fact]
    public async Task Supervisor_details_take_a_comma_list_of_employee_ids()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var ids = new[] { rows[5].EmployeeId, rows[9].EmployeeId, rows[17].EmployeeId };

        var items = await sim.GetArray($"/personnel/v1/employee-supervisor-details?employeeId={string.Join(',', ids)}");

        Assert.Equal(rows.Where(r => ids.Contains(r.EmployeeId)).Select(UkgTestKit.Key), items.Select(UkgTestKit.EmploymentKey));
    }

    [Fact]
    public async Task A_lastName_ending_in_a_star_matches_by_prefix()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var prefix = rows[7].LastName[..2];

        var items = await sim.GetArray($"{UkgTestKit.PersonDetails}?lastName={Uri.EscapeDataString(prefix)}*");

        var expected = rows.Where(r => r.LastName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(r => r.EmployeeId).ToList();
        Assert.InRange(expected.Count, 1, rows.Length - 1);
        Assert.Equal(expected, items.Select(i => UkgTestKit.Text(i, "employeeId")));
    }

    [Fact]
    public async Task Unknown_query_parameters_are_ignored()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?noSuchFilter=ABC&employeeStatusCode!=T");

        Assert.Equal(sim.Rows().Select(UkgTestKit.Key), items.Select(UkgTestKit.EmploymentKey));
    }
}
