using System.Globalization;
using System.Net;
using System.Text.Json;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>employee-changes with startDate/endDate, full snapshots, and the per-employee three-hour window (api-reference §5.6).</summary>
public sealed class ChangeFeedWindowTests
{
    private const string Feed = UkgTestKit.EmployeeChanges;

    // The tests rename one employee at 10:05 New York time (15:05 UTC) and ask at 10:10.
    [Theory]
    [InlineData("2026-11-23T10:00:00", "2026-11-23T11:00:00", "2026-11-23T10:00:00", "2026-11-23T11:00:00", true)]
    [InlineData("2026-11-23T15:00:00Z", "2026-11-23T16:00:00Z", "2026-11-23T10:00:00", "2026-11-23T11:00:00", true)]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", "2026-11-23T05:00:00", "2026-11-23T06:00:00", false)]
    [InlineData("2026-11-23T10:00:00-05:00", "2026-11-23T10:30:00-05:00", "2026-11-23T10:00:00", "2026-11-23T10:30:00", true)]
    [InlineData("2026/11/23", "2026/11/23", "2026-11-23T00:00:00", "2026-11-23T23:59:59.9999999", true)]
    [InlineData("2026/11/22", "2026/11/22", "2026-11-22T00:00:00", "2026-11-22T23:59:59.9999999", false)]
    [InlineData("2026/11/20T00:00:00", "2026/11/23T23:59:59", "2026-11-20T00:00:00", "2026-11-23T23:59:59", true)]
    [InlineData("2026-11-23T10:06:00", null, "2026-11-23T10:06:00", "2026-11-23T10:10:00", false)]
    [InlineData(null, "2026-11-23T10:05:00", "0001-01-01T00:00:00", "2026-11-23T10:05:00", true)]
    public async Task A_dated_window_reports_the_rows_changed_in_it_and_leaves_the_cursor_alone(
        string? startDate, string? endDate, string from, string until, bool includesRename)
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var renamed = UkgTestKit.SingleCompanyEmployee(sim);
        clock.Advance(TimeSpan.FromMinutes(5));
        sim.Simulator.Tenant.Rename(renamed.EmployeeId, "Windowed", renamed.LastName);
        clock.Advance(TimeSpan.FromMinutes(5));
        var query = string.Join('&', new[] { ("startDate", startDate), ("endDate", endDate) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

        var items = await sim.GetArray($"{Feed}?{query}");
        var cursor = await sim.GetArray(Feed);

        var start = DateTime.Parse(from, CultureInfo.InvariantCulture);
        var end = DateTime.Parse(until, CultureInfo.InvariantCulture);
        var expected = sim.Rows().Where(r => r.DateTimeChanged > start && r.DateTimeChanged <= end).Select(r => r.EmployeeId).Take(200);
        Assert.Equal(expected, items.Select(i => UkgTestKit.Text(i, "employeeId")));
        Assert.Equal(includesRename, items.Any(i => UkgTestKit.Text(i, "employeeId") == renamed.EmployeeId));
        Assert.Equal(renamed.EmployeeId, UkgTestKit.Text(Assert.Single(cursor), "employeeId"));
    }

    [Theory]
    [InlineData("startDate=yesterday")]
    [InlineData("endDate=2026-13-45")]
    public async Task An_unreadable_startDate_or_endDate_is_400(string query)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        using var response = await sim.Get($"{Feed}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_change_is_reported_as_a_full_snapshot_of_the_employee_not_a_diff()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.SupervisorId is not null && r.EmailAddress is not null && r.StatusCode == "A");
        clock.Advance(TimeSpan.FromMinutes(5));
        sim.Simulator.Tenant.Rename(row.EmployeeId, "Snap", "Shot");
        clock.Advance(TimeSpan.FromMinutes(5));

        var item = Assert.Single(await sim.GetArray(Feed));
        var employment = Assert.Single(await sim.GetArray($"/personnel/v1/companies/{row.CompanyId}/employees/{row.EmployeeId}/employment-details"));
        var person = await sim.GetJson($"{UkgTestKit.PersonDetails}/{row.EmployeeId}");

        Assert.Equal("Snap", UkgTestKit.Text(item, "firstName"));
        Assert.Equal("Shot", UkgTestKit.Text(item, "lastName"));
        Assert.Equal(UkgTestKit.Text(person, "emailAddress"), UkgTestKit.Text(item, "emailAddress"));
        Assert.Equal(UkgTestKit.Text(person, "personId"), UkgTestKit.Text(item, "personId"));
        Assert.Equal(UkgTestKit.Text(employment, "companyID"), UkgTestKit.Text(item, "companyId"));
        Assert.Equal(UkgTestKit.Text(employment, "primaryJobCode"), UkgTestKit.Text(item, "jobCode"));
        Assert.Equal(UkgTestKit.Text(employment, "primaryWorkLocationCode"), UkgTestKit.Text(item, "workLocation"));
        Assert.Equal(UkgTestKit.Text(employment, "employeeStatusCode"), UkgTestKit.Text(item, "employeeStatus"));
        Assert.Equal(UkgTestKit.Text(employment, "supervisorID"), UkgTestKit.Text(item, "supervisorId"));
        Assert.Equal(UkgTestKit.Text(employment, "lastHireDate"), UkgTestKit.Text(item, "dateOfLastHire"));
        for (var level = 1; level <= 4; level++)
        {
            Assert.Equal(UkgTestKit.Text(employment, $"orgLevel{level}Code"), UkgTestKit.Text(item, $"orgLevel{level}Code"));
        }
    }

    [Fact]
    public async Task The_per_employee_feed_returns_that_employees_rows_changed_in_the_last_three_hours()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var rows = sim.Rows();
        var twoCompanies = rows.First(r => !r.IsHomeCompany).EmployeeId;
        var untouched = UkgTestKit.SingleCompanyEmployee(sim);
        clock.Advance(TimeSpan.FromMinutes(5));
        sim.Simulator.Tenant.Rename(twoCompanies, "Dual", "Employment");
        clock.Advance(TimeSpan.FromHours(2));

        var changed = await sim.GetArray($"{Feed}/{twoCompanies}");
        var quiet = await sim.GetArray($"{Feed}/{untouched.EmployeeId}");
        clock.Advance(TimeSpan.FromMinutes(61));
        var later = await sim.GetArray($"{Feed}/{twoCompanies}");

        Assert.Equal(rows.Where(r => r.EmployeeId == twoCompanies).Select(r => r.CompanyId), changed.Select(i => UkgTestKit.Text(i, "companyId")));
        Assert.Equal(2, changed.Count);
        Assert.All(changed, i => Assert.Equal("Dual", UkgTestKit.Text(i, "firstName")));
        Assert.Empty(quiet);
        Assert.Empty(later);
    }

    [Fact]
    public async Task The_per_employee_feed_does_not_move_the_cursor()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var row = UkgTestKit.SingleCompanyEmployee(sim);
        clock.Advance(TimeSpan.FromMinutes(5));
        sim.Simulator.Tenant.Rename(row.EmployeeId, "Single", row.LastName);
        clock.Advance(TimeSpan.FromMinutes(5));

        var one = await sim.GetArray($"{Feed}/{row.EmployeeId}");
        var all = await sim.GetArray(Feed);

        Assert.Equal(row.EmployeeId, UkgTestKit.Text(Assert.Single(one), "employeeId"));
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(Assert.Single(all), "employeeId"));
    }

    [Fact]
    public async Task A_window_from_1900_to_2199_pages_through_every_row_exactly_once()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();

        var seen = new List<string>();
        var page = 1;
        while (true)
        {
            var items = await sim.GetArray($"{Feed}?startDate=1900-12-31T00:00:00Z&endDate=2199-12-31T00:00:00Z&per_page=200&page={page++}");
            if (items.Count == 0)
            {
                break;
            }
            seen.AddRange(items.Select(i => UkgTestKit.Text(i, "employeeId") + "/" + UkgTestKit.Text(i, "companyId")));
        }

        Assert.Equal(rows.Select(UkgTestKit.Key), seen);
    }
}
