using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Headwater.Simulator.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>A full read against the simulator: every row, whatever the tenant's page cap, with UKG's own JSON names.</summary>
public sealed class UkgReaderTests
{
    [Fact]
    public async Task A_full_read_returns_every_employment_and_person_row_of_the_tenant_in_order()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);
        var rows = sim.Rows();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.True(rows.Length > 300, "the generated tenant has second-company rows beyond its 300 employees");
        Assert.Equal(rows.Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.Equal(rows.Select(Sim.Key), snapshot.People.Select(Sim.Key));
        Assert.Equal(rows.Select(r => r.EmployeeId), snapshot.Supervisors.Select(s => s.EmployeeId));
        Assert.Empty(snapshot.Roles);
    }

    [Fact]
    public async Task The_records_carry_the_values_UKG_sent_under_its_exact_JSON_names()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);
        var row = sim.Rows().First(r => r.SupervisorId is not null && r.EmailAddress is not null && r.OrgLevel2Code is not null);

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        var employment = snapshot.Employments.Single(e => e.EmployeeId == row.EmployeeId && e.CompanyId == row.CompanyId);
        Assert.Equal(row.EmployeeNumber, employment.EmployeeNumber);
        Assert.Equal(row.StatusCode, employment.EmployeeStatusCode);
        Assert.Equal(row.JobCode, employment.PrimaryJobCode);
        Assert.Equal(row.OrgLevel2Code, employment.OrgLevel2Code);
        Assert.Equal(row.LocationCode, employment.PrimaryWorkLocationCode);
        Assert.Equal(row.SupervisorId, employment.SupervisorId);
        Assert.Equal(row.SupervisorCompanyId, employment.SupervisorCompanyId);
        Assert.Equal(row.LastHireDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00", employment.LastHireDate);
        var person = snapshot.People.Single(p => p.EmployeeId == row.EmployeeId && p.CompanyId == row.CompanyId);
        Assert.Equal(row.PersonId.ToString(), person.PersonId);
        Assert.Equal(row.FirstName, person.FirstName);
        Assert.Equal(row.LastName, person.LastName);
        Assert.Equal(row.EmailAddress, person.EmailAddress);
        Assert.NotNull(person.DateTimeChanged);
        var supervisor = snapshot.Supervisors.First(s => s.EmployeeId == row.EmployeeId);
        Assert.Equal(row.SupervisorId, supervisor.SupervisorEmployeeId);
        Assert.Equal(sim.Tenant.HomeRowOf(row.SupervisorId)!.EmailAddress, supervisor.SupervisorEmail);
    }

    [Fact]
    public async Task The_reference_data_comes_back_whole()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);

        var reference = await connector.Reader.ReadReference();

        Assert.Equal(sim.Tenant.Companies.Select(c => c.CompanyId), reference.Companies.Select(c => c.CompanyId));
        Assert.Single(reference.Companies, c => c.IsMasterCompany == "true");
        Assert.Equal(sim.Tenant.OrgLevels.Select(o => (o.Level.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Code)),
            reference.OrgLevels.Select(o => (o.Level!, o.Code!)));
        Assert.Equal(sim.Tenant.Locations.Select(l => l.LocationCode), reference.Locations.Select(l => l.LocationCode));
        Assert.Equal(sim.Tenant.Jobs.Select(j => j.JobCode), reference.Jobs.Select(j => j.JobCode));
        Assert.All(reference.Jobs, j => Assert.False(string.IsNullOrEmpty(j.Title)));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(10_000)]
    public async Task A_tenant_that_caps_pages_below_what_the_client_asks_for_is_still_read_whole(int cap)
    {
        await using var sim = await Sim.StartAsync(Sim.Small(450) with { Api = new UkgApiSettings { MaxPageSize = cap } });
        using var connector = ConnectorUnderTest.For(sim);
        var rows = sim.Rows();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.Equal(rows.Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.Equal(rows.Select(Sim.Key), snapshot.People.Select(Sim.Key));
        var employmentPages = connector.Attempts.All.Where(a => a.Path.StartsWith("/personnel/v1/employment-details?page=", StringComparison.Ordinal)).ToList();
        Assert.Contains(employmentPages, a => a.Path == "/personnel/v1/employment-details?page=1&per_Page=10000");
        // A capped tenant links its pages, so the last one ends the read; an uncapped one needs the empty page after.
        var pages = (rows.Length + cap - 1) / cap;
        Assert.Equal(pages == 1 ? 2 : pages, employmentPages.Count(a => a.Status == 200));
    }

    [Fact]
    public async Task The_page_size_is_sent_as_per_Page_with_a_capital_P_as_documented()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);

        await connector.Reader.ReadAll(new ReadOptions(PageSize: 250));

        // The first page of each list is the client's own URL; later ones follow the tenant's Link, in its own spelling.
        var first = connector.Attempts.All.Select(a => a.Path).Where(p => p.Contains("page=1&", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["/configuration/v1/company-details?page=1&per_Page=10000", "/personnel/v1/employee-supervisor-details?page=1&per_Page=250",
             "/personnel/v1/employment-details?isHomeCompany=false&page=1&per_Page=250", "/personnel/v1/employment-details?page=1&per_Page=250",
             "/personnel/v1/person-details?page=1&per_Page=250"],
            first.Order(StringComparer.Ordinal));
        Assert.Contains("/personnel/v1/employment-details?page=2&per_page=250", connector.Attempts.All.Select(a => a.Path));
    }

    [Fact]
    public async Task The_endpoints_of_a_full_read_are_fetched_concurrently()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with
        {
            Faults = new Simulator.Faults.FaultSettings { Latency = TimeSpan.FromMilliseconds(300) },
        }, TimeProvider.System);
        using var connector = ConnectorUnderTest.For(sim);

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.Equal(sim.Rows().Length, snapshot.Employments.Count);
        Assert.True(connector.Attempts.MaxInFlight >= 6, $"at most {connector.Attempts.MaxInFlight} requests were in flight at once");
    }

    [Fact]
    public async Task Rows_in_a_second_company_are_marked_as_not_home()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(1000));
        using var connector = ConnectorUnderTest.For(sim);
        var rows = sim.Rows();
        var expected = rows.Where(r => !r.IsHomeCompany).Select(r => (r.EmployeeId, r.CompanyId)).ToHashSet();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), snapshot.NonHomeEmployments.Order());
        Assert.All(expected, k => Assert.Contains(rows, r => r.EmployeeId == k.EmployeeId && r.IsHomeCompany));
    }

    [Fact]
    public async Task A_connection_limited_to_one_company_reads_only_that_companys_rows()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(1000));
        var company = sim.Tenant.Companies[1].CompanyId;
        using var connector = ConnectorUnderTest.For(sim);
        using var limited = ConnectorUnderTest.For(new UkgConnection(sim.BaseUrl, sim.Options.UserName, sim.Options.Password, sim.Options.CustomerApiKey, company));

        var snapshot = await limited.Reader.ReadAll(new ReadOptions());

        var expected = sim.Rows().Where(r => r.CompanyId == company).Select(Sim.Key).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, snapshot.Employments.Select(Sim.Key));
        Assert.Equal(expected, snapshot.People.Select(Sim.Key));
        Assert.Equal(sim.Tenant.Companies.Count, snapshot.Reference.Companies.Count);
    }

    [Fact]
    public async Task Roles_are_read_only_when_asked_for()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim);

        var snapshot = await connector.Reader.ReadAll(new ReadOptions(Roles: true, Supervisors: false));

        Assert.Equal(sim.Rows().Length, snapshot.Roles.Count);
        Assert.All(snapshot.Roles, r => Assert.Contains(sim.Tenant.Roles, role => role.RoleName == r.RoleName));
        Assert.Empty(snapshot.Supervisors);
        Assert.DoesNotContain(connector.Attempts.All, a => a.Path.StartsWith("/personnel/v1/employee-supervisor-details", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_is_reported_every_ten_thousand_rows_of_a_large_read()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(10_000) with { Api = new UkgApiSettings { MaxPageSize = 5_000 } });
        using var connector = ConnectorUnderTest.For(sim);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions(Supervisors: false), new SynchronousProgress(reports.Enqueue));

        Assert.True(snapshot.Employments.Count >= 10_000);
        Assert.Contains("10,000 employment details", reports);
        Assert.Contains("10,000 person details", reports);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
