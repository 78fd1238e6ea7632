using System.Net;
using System.Text.Json;
using Headwater.Simulator.Tests.Support;
using Headwater.Simulator.Ukg;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>page and per_Page/per_page, default = max, silent clamping, [] past the end, Link rel="next" (api-reference §3).</summary>
public sealed class PagingTests
{
    private static SimulatorOptions MaxFifty() => UkgTestKit.Small() with { Api = new UkgApiSettings { MaxPageSize = 50 } };

    [Fact]
    public async Task Without_paging_parameters_a_300_employee_tenant_comes_back_whole_in_one_page()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(300));
        var rows = sim.Rows();

        using var response = await sim.Get(UkgTestKit.EmploymentDetails);
        var items = await UkgTestKit.ReadArray(response);

        Assert.Equal(10_000, new UkgApiSettings().MaxPageSize);
        Assert.True(rows.Length > 300, "the tenant has a second-company row or two beyond its 300 employees");
        Assert.Equal(rows.Select(UkgTestKit.Key), items.Select(UkgTestKit.EmploymentKey));
        Assert.Null(UkgTestKit.NextLink(response));
    }

    [Theory]
    [InlineData("per_Page")]
    [InlineData("per_page")]
    [InlineData("PER_PAGE")]
    public async Task The_page_size_parameter_is_accepted_in_any_casing(string name)
    {
        await using var sim = await SimulatorClient.StartAsync(MaxFifty());
        var rows = sim.Rows();

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?page=3&{name}=7");

        Assert.Equal(rows.Skip(14).Take(7).Select(UkgTestKit.Key), items.Select(UkgTestKit.EmploymentKey));
    }

    [Fact]
    public async Task Without_a_page_size_the_maximum_is_used_and_a_Link_points_at_page_two()
    {
        await using var sim = await SimulatorClient.StartAsync(MaxFifty());
        var rows = sim.Rows();

        using var response = await sim.Get(UkgTestKit.EmploymentDetails);
        var items = await UkgTestKit.ReadArray(response);

        Assert.Equal(rows.Take(50).Select(UkgTestKit.Key), items.Select(UkgTestKit.EmploymentKey));
        var next = UkgTestKit.NextLink(response);
        Assert.Equal(new Uri(sim.Simulator.BaseUrl, UkgTestKit.EmploymentDetails + "?page=2&per_page=50").ToString(), next);
    }

    [Theory]
    [InlineData("per_Page=51")]
    [InlineData("per_page=10000")]
    [InlineData("per_Page=2147483647")]
    [InlineData("per_Page=99999999999")]
    public async Task A_page_size_above_the_maximum_is_clamped_silently(string query)
    {
        await using var sim = await SimulatorClient.StartAsync(MaxFifty());

        using var response = await sim.Get($"{UkgTestKit.EmploymentDetails}?{query}");
        var items = await UkgTestKit.ReadArray(response);

        Assert.Equal(50, items.Count);
        Assert.EndsWith("?page=2&per_page=50", UkgTestKit.NextLink(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_past_the_end_is_200_with_an_empty_array_and_no_Link()
    {
        await using var sim = await SimulatorClient.StartAsync(MaxFifty());
        var pages = (sim.Rows().Length + 49) / 50;

        using var response = await sim.Get($"{UkgTestKit.EmploymentDetails}?page={pages + 1}&per_Page=50");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await UkgTestKit.ReadArray(response));
        Assert.Null(UkgTestKit.NextLink(response));
    }

    [Fact]
    public async Task The_Link_header_appears_exactly_when_another_page_exists()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var count = sim.Rows().Length;

        using var exact = await sim.Get($"{UkgTestKit.EmploymentDetails}?per_page={count}");
        using var oneShort = await sim.Get($"{UkgTestKit.EmploymentDetails}?per_page={count - 1}");
        using var last = await sim.Get($"{UkgTestKit.EmploymentDetails}?page=2&per_page={count - 1}");

        Assert.Equal(count, (await UkgTestKit.ReadArray(exact)).Count);
        Assert.Null(UkgTestKit.NextLink(exact));
        Assert.Equal(count - 1, (await UkgTestKit.ReadArray(oneShort)).Count);
        Assert.EndsWith($"page=2&per_page={count - 1}", UkgTestKit.NextLink(oneShort), StringComparison.Ordinal);
        Assert.Single(await UkgTestKit.ReadArray(last));
        Assert.Null(UkgTestKit.NextLink(last));
    }

    [Theory]
    [InlineData(37)]
    [InlineData(50)]
    public async Task Following_Link_headers_visits_every_row_exactly_once_in_a_stable_order(int perPage)
    {
        await using var sim = await SimulatorClient.StartAsync(MaxFifty());
        var rows = sim.Rows();

        var seen = new List<string>();
        var pages = 0;
        string? next = $"{UkgTestKit.EmploymentDetails}?per_Page={perPage}";
        while (next is not null)
        {
            using var response = await sim.Get(next);
            seen.AddRange((await UkgTestKit.ReadArray(response)).Select(UkgTestKit.EmploymentKey));
            next = UkgTestKit.NextLink(response);
            pages++;
        }

        Assert.Equal(rows.Select(UkgTestKit.Key), seen);
        Assert.Equal((rows.Length + perPage - 1) / perPage, pages);
    }

    [Fact]
    public async Task The_Link_keeps_the_filters_and_puts_page_then_per_page_last()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var active = sim.Rows().Where(r => r.StatusCode == "A").Select(UkgTestKit.Key).ToList();

        using var first = await sim.Get($"{UkgTestKit.EmploymentDetails}?per_Page=100&employeeStatusCode=A&page=1");
        var next = UkgTestKit.NextLink(first);
        using var second = await sim.Get(next!);

        Assert.Matches(@"\?employeeStatusCode=A&page=2&per_page=100$", next);
        var both = (await UkgTestKit.ReadArray(first)).Concat(await UkgTestKit.ReadArray(second)).Select(UkgTestKit.EmploymentKey);
        Assert.Equal(active.Take(200), both);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=-1")]
    [InlineData("page=1.5")]
    [InlineData("per_page=0")]
    [InlineData("per_Page=abc")]
    public async Task An_invalid_page_or_page_size_is_400_with_a_JSON_error(string query)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        using var response = await sim.Get($"{UkgTestKit.EmploymentDetails}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("code").GetInt32());
        var property = query[..query.IndexOf('=', StringComparison.Ordinal)];
        Assert.Contains(body.RootElement.GetProperty("errors").EnumerateObject(), e => e.Name.Equals(property, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Employee_changes_pages_at_most_200_rows()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var count = sim.Rows().Length;
        const string everything = UkgTestKit.EmployeeChanges + "?startDate=1900-12-31T00:00:00Z&endDate=2199-12-31T00:00:00Z";

        using var byDefault = await sim.Get(everything);
        using var tooMany = await sim.Get(everything + "&per_page=500");
        using var second = await sim.Get(UkgTestKit.NextLink(byDefault)!);

        Assert.Equal(200, new UkgApiSettings().ChangesMaxPageSize);
        Assert.Equal(200, (await UkgTestKit.ReadArray(byDefault)).Count);
        Assert.EndsWith("page=2&per_page=200", UkgTestKit.NextLink(byDefault), StringComparison.Ordinal);
        Assert.Equal(200, (await UkgTestKit.ReadArray(tooMany)).Count);
        Assert.Equal(count - 200, (await UkgTestKit.ReadArray(second)).Count);
        Assert.Null(UkgTestKit.NextLink(second));
    }
}
