using System.Net;
using System.Text.Json;
using Headwater.Simulator.Tests.Support;
using Headwater.Simulator.Ukg;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>/configuration: company details, org levels, locations and jobs (api-reference §3, §6.1–6.4).</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Org_levels_come_back_whole_and_unpaged_with_levels_one_to_four()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small() with { Api = new UkgApiSettings { MaxPageSize = 5 } });
        var tenant = sim.Simulator.Tenant;

        using var response = await sim.Get("/configuration/v1/org-levels?page=1&per_Page=5");
        var items = await UkgTestKit.ReadArray(response);

        Assert.Null(UkgTestKit.NextLink(response));
        Assert.Equal(tenant.OrgLevels.Count, items.Count);
        Assert.Equal([1, 2, 3, 4], items.Select(i => i.GetProperty("level").GetInt32()).Distinct().Order());
        Assert.All(items, i =>
        {
            Assert.Equal(JsonValueKind.Number, i.GetProperty("level").ValueKind);
            Assert.False(string.IsNullOrEmpty(UkgTestKit.Text(i, "code")));
            Assert.False(string.IsNullOrEmpty(UkgTestKit.Text(i, "description")));
            Assert.False(string.IsNullOrEmpty(UkgTestKit.Text(i, "levelDescription")));
        });
        Assert.Equal(tenant.OrgLevels.Select(o => $"{o.Level}/{o.Code}/{o.LevelDescription}"),
            items.Select(i => $"{i.GetProperty("level").GetInt32()}/{UkgTestKit.Text(i, "code")}/{UkgTestKit.Text(i, "levelDescription")}"));
    }

    [Fact]
    public async Task Every_employee_org_code_joins_to_an_org_level_by_level_and_code_except_the_deliberately_broken()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var levels = (await sim.GetArray("/configuration/v1/org-levels"))
            .Select(i => $"{i.GetProperty("level").GetInt32()}/{UkgTestKit.Text(i, "code")}").ToHashSet();

        var employees = await sim.GetArray(UkgTestKit.EmploymentDetails);

        var dangling = employees.Where(e => !levels.Contains($"2/{UkgTestKit.Text(e, "orgLevel2Code")}")).ToList();
        Assert.All(employees, e => Assert.Contains($"4/{UkgTestKit.Text(e, "orgLevel4Code")}", levels));
        Assert.NotEmpty(dangling);
        Assert.All(dangling, e => Assert.Equal("ZZ99", UkgTestKit.Text(e, "orgLevel2Code")));
    }

    [Fact]
    public async Task One_org_level_is_addressed_by_level_and_code()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var department = sim.Simulator.Tenant.OrgLevels.First(o => o.Level == 2);

        var item = await sim.GetJson($"/configuration/v1/org-levels/2/{department.Code}");
        using var wrongLevel = await sim.Get($"/configuration/v1/org-levels/3/{department.Code}");
        using var unknown = await sim.Get("/configuration/v1/org-levels/2/NOPE");

        Assert.Equal(JsonValueKind.Object, item.ValueKind);
        Assert.Equal(2, item.GetProperty("level").GetInt32());
        Assert.Equal(department.Code, UkgTestKit.Text(item, "code"));
        Assert.Equal(department.Description, UkgTestKit.Text(item, "description"));
        Assert.Equal(HttpStatusCode.NotFound, wrongLevel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Locations_are_unpaged_and_one_is_addressed_by_its_code()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var locations = sim.Simulator.Tenant.Locations;

        var items = await sim.GetArray("/configuration/v1/locations?per_Page=2");
        var one = await sim.GetJson($"/configuration/v1/locations/{locations[3].LocationCode}");
        using var unknown = await sim.Get("/configuration/v1/locations/NOWHERE");

        Assert.Equal(locations.Select(l => l.LocationCode), items.Select(i => UkgTestKit.Text(i, "locationCode")));
        Assert.Superset(new HashSet<string> { "locationCode", "description", "city", "state", "zipOrPostalCode", "countryCode", "isActive" }, UkgTestKit.Names(items[0]));
        Assert.Equal(locations[3].City, UkgTestKit.Text(one, "city"));
        Assert.Equal(JsonValueKind.True, one.GetProperty("isActive").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Version_one_jobs_ignore_paging_and_answer_everything_at_once()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        using var response = await sim.Get("/configuration/v1/jobs?page=1&per_Page=5");
        var items = await UkgTestKit.ReadArray(response);

        Assert.Equal(sim.Simulator.Tenant.Jobs.Count, items.Count);
        Assert.True(items.Count > 5);
        Assert.Null(UkgTestKit.NextLink(response));
    }

    [Fact]
    public async Task Version_two_jobs_are_paged_with_a_Link_that_reaches_every_job()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var jobs = sim.Simulator.Tenant.Jobs.Select(j => (string?)j.JobCode).ToList();

        var seen = new List<string?>();
        var pages = 0;
        string? next = "/configuration/v2/jobs?per_Page=10";
        while (next is not null)
        {
            using var response = await sim.Get(next);
            var items = await UkgTestKit.ReadArray(response);
            Assert.InRange(items.Count, 1, 10);
            seen.AddRange(items.Select(i => UkgTestKit.Text(i, "jobCode")));
            next = UkgTestKit.NextLink(response);
            pages++;
        }

        Assert.Equal(jobs, seen);
        Assert.Equal((jobs.Count + 9) / 10, pages);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task One_job_is_addressed_by_its_jobCode(string version)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var job = sim.Simulator.Tenant.Jobs[2];

        var item = await sim.GetJson($"/configuration/{version}/jobs/{job.JobCode}");
        using var unknown = await sim.Get($"/configuration/{version}/jobs/NOJOB");

        Assert.Equal(job.JobCode, UkgTestKit.Text(item, "jobCode"));
        Assert.Equal(job.Title, UkgTestKit.Text(item, "title"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Inactive_jobs_are_listed_and_can_be_filtered_on_isActive()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var inactive = sim.Simulator.Tenant.Jobs.Where(j => !j.IsActive).Select(j => j.JobCode).ToList();

        var items = await sim.GetArray("/configuration/v1/jobs?isActive=false");

        Assert.NotEmpty(inactive);
        Assert.Equal(inactive, items.Select(i => UkgTestKit.Text(i, "jobCode")));
        Assert.All(items, i => Assert.Equal(JsonValueKind.False, i.GetProperty("isActive").ValueKind));
    }

    [Fact]
    public async Task Company_details_list_the_master_company_and_its_components()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        var items = await sim.GetArray("/configuration/v1/company-details");

        var master = Assert.Single(items, i => UkgTestKit.Text(i, "isMasterCompany") == "true");
        var masterId = UkgTestKit.Text(master, "companyID");
        Assert.Equal(masterId, UkgTestKit.Text(master, "masterCompanyId"));
        var components = items.Where(i => UkgTestKit.Text(i, "isMasterCompany") == "false").ToList();
        Assert.Equal(items.Count - 1, components.Count);
        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.Equal(masterId, UkgTestKit.Text(c, "masterCompanyId")));
        Assert.All(items, i => Assert.Equal(5, UkgTestKit.Text(i, "companyID")!.Length));
        Assert.Equal(sim.Rows().Select(r => r.CompanyId).Distinct().Order(), items.Select(i => UkgTestKit.Text(i, "companyID")).Order());
    }

    [Fact]
    public async Task Company_details_filter_on_isMasterCompany_and_page_with_a_Link()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var companies = sim.Simulator.Tenant.Companies;

        var masters = await sim.GetArray("/configuration/v1/company-details?isMasterCompany=true");
        using var firstPage = await sim.Get("/configuration/v1/company-details?per_Page=2");
        var first = await UkgTestKit.ReadArray(firstPage);
        using var secondPage = await sim.Get(UkgTestKit.NextLink(firstPage)!);
        var second = await UkgTestKit.ReadArray(secondPage);

        Assert.Equal(companies.Single(c => c.IsMaster).CompanyId, UkgTestKit.Text(Assert.Single(masters), "companyID"));
        Assert.Equal(companies.Select(c => c.CompanyId), first.Concat(second).Select(i => UkgTestKit.Text(i, "companyID")));
        Assert.Null(UkgTestKit.NextLink(secondPage));
    }
}
