using Headwater.Simulator.Generation;

namespace Headwater.Simulator.Tests.Generation;

/// <summary>The generated tenant hangs together: every reference resolves, except the few broken on purpose.</summary>
public sealed class GeneratorReferenceTests(GeneratedTenant tenant) : IClassFixture<GeneratedTenant>
{
    private readonly TenantData _data = tenant.Data;

    [Fact]
    public void Every_supervisor_resolves_to_an_employee_except_the_deliberately_broken_ones()
    {
        var homeRows = _data.Rows.Where(r => r.IsHomeCompany).ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);

        var dangling = _data.Rows.Where(r => r.SupervisorId is not null && !homeRows.ContainsKey(r.SupervisorId)).ToList();

        Assert.NotEmpty(dangling);
        Assert.All(dangling, r => Assert.Contains(r.EmployeeId, _data.BrokenReferences));
        foreach (var row in _data.Rows.Where(r => r.SupervisorId is not null && homeRows.ContainsKey(r.SupervisorId)))
        {
            Assert.Equal(homeRows[row.SupervisorId!].CompanyId, row.SupervisorCompanyId);
            Assert.NotEqual(row.EmployeeId, row.SupervisorId);
        }
    }

    [Fact]
    public void Every_org_code_location_and_job_resolves_except_the_deliberately_broken_org_code()
    {
        var orgCodes = _data.OrgLevels.Select(o => (o.Level, o.Code)).ToHashSet();
        var locations = _data.Locations.Select(l => l.LocationCode).ToHashSet(StringComparer.Ordinal);
        var jobs = _data.Jobs.Select(j => j.JobCode).ToHashSet(StringComparer.Ordinal);
        var brokenOrg = 0;

        foreach (var row in _data.Rows)
        {
            Assert.Contains(row.LocationCode, locations);
            Assert.Contains(row.JobCode, jobs);
            var codes = new[] { (1, row.OrgLevel1Code), (2, row.OrgLevel2Code), (3, row.OrgLevel3Code), (4, row.OrgLevel4Code) };
            foreach (var (level, code) in codes)
            {
                Assert.NotNull(code);
                if (!orgCodes.Contains((level, code)))
                {
                    Assert.Contains(row.EmployeeId, _data.BrokenReferences);
                    brokenOrg++;
                }
            }
        }
        Assert.True(brokenOrg > 0, "no employee has a broken org code");
    }

    [Fact]
    public void Broken_references_exist_in_a_tenant_of_at_least_a_hundred()
    {
        var small = TenantGenerator.Generate(new GeneratorOptions(100, 42, GeneratedTenant.AsOf));
        var ids = small.Rows.Select(r => r.EmployeeId).ToHashSet(StringComparer.Ordinal);
        var orgCodes = small.OrgLevels.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(small.BrokenReferences);
        Assert.Contains(small.Rows, r => small.BrokenReferences.Contains(r.EmployeeId) && r.SupervisorId is { } s && !ids.Contains(s));
        Assert.Contains(small.Rows, r => small.BrokenReferences.Contains(r.EmployeeId) && !orgCodes.Contains(r.OrgLevel2Code!));
    }

    [Fact]
    public void Employee_ids_are_twelve_characters_and_unique_per_company_row()
    {
        Assert.All(_data.Rows, r => Assert.Matches("^[0-9A-Z]{12}$", r.EmployeeId));
        var keys = _data.Rows.Select(r => (r.EmployeeId, r.CompanyId)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var homeIds = _data.Rows.Where(r => r.IsHomeCompany).Select(r => r.EmployeeId).ToList();
        Assert.Equal(homeIds.Count, homeIds.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Employee_numbers_are_zero_padded_digits_unique_per_person()
    {
        var home = _data.Rows.Where(r => r.IsHomeCompany).ToList();

        Assert.All(_data.Rows, r => Assert.Matches("^[0-9]{6}$", r.EmployeeNumber));
        Assert.True(home.Count(r => r.EmployeeNumber.StartsWith('0')) > home.Count * 9 / 10);
        Assert.Equal(home.Count, home.Select(r => r.EmployeeNumber).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Companies_have_five_character_ids_and_exactly_one_master()
    {
        Assert.True(_data.Companies.Count >= 2);
        Assert.All(_data.Companies, c => Assert.Matches("^[0-9A-Z]{5}$", c.CompanyId));
        var master = Assert.Single(_data.Companies, c => c.IsMaster);
        Assert.All(_data.Companies, c => Assert.Equal(master.CompanyId, c.MasterCompanyId));
        Assert.Equal(_data.Companies.Count, _data.Companies.Select(c => c.CompanyId).Distinct(StringComparer.Ordinal).Count());
        var companyIds = _data.Companies.Select(c => c.CompanyId).ToHashSet(StringComparer.Ordinal);
        Assert.All(_data.Rows, r => Assert.Contains(r.CompanyId, companyIds));
    }

    [Fact]
    public void Org_levels_one_to_four_all_exist_and_each_team_sits_under_its_cost_center()
    {
        Assert.Equal([1, 2, 3, 4], _data.OrgLevels.Select(o => o.Level).Distinct().Order());
        foreach (var row in _data.Rows.Where(r => !_data.BrokenReferences.Contains(r.EmployeeId)))
        {
            Assert.StartsWith(row.OrgLevel3Code! + "-", row.OrgLevel4Code, StringComparison.Ordinal);
            Assert.StartsWith(row.OrgLevel2Code!, row.OrgLevel3Code, StringComparison.Ordinal);
        }
    }
}
