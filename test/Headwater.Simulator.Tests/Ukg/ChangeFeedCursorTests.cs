using System.Net;
using System.Text.Json;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;
using Headwater.Simulator.Ukg;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>employee-changes without dates: a server-side "since the last call" cursor per service account (api-reference §5.6).</summary>
public sealed class ChangeFeedCursorTests
{
    private const string Feed = UkgTestKit.EmployeeChanges;

    [Fact]
    public async Task The_first_call_reports_nothing_when_nobody_changed_since_the_tenant_loaded()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        clock.Advance(TimeSpan.FromHours(1));

        var items = await sim.GetArray(Feed);
        var lastMonth = await sim.GetArray(Feed + "?startDate=2026-10-23T00:00:00");

        Assert.Empty(items);
        Assert.NotEmpty(lastMonth);
    }

    [Fact]
    public async Task The_first_call_reports_the_employees_changed_since_the_tenant_loaded()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var renamed = UkgTestKit.SingleCompanyEmployee(sim);
        clock.Advance(TimeSpan.FromMinutes(10));
        sim.Simulator.Tenant.Rename(renamed.EmployeeId, "Renata", "Renamed");
        var hired = sim.Simulator.Tenant.Hire(new NewHire("Hana", "Hired", "hana.hired@example.com"));
        clock.Advance(TimeSpan.FromMinutes(10));

        var items = await sim.GetArray(Feed);

        Assert.Equal([renamed.EmployeeId, hired.EmployeeId], Ids(items));
        Assert.Equal("Renamed", UkgTestKit.Text(items[0], "lastName"));
        Assert.Equal("hana.hired@example.com", UkgTestKit.Text(items[1], "emailAddress"));
    }

    [Fact]
    public async Task The_cursor_moves_so_each_call_reports_only_what_changed_since_the_previous_one()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var rows = UkgTestKit.SingleCompanyEmployees(sim, 2);
        var tenant = sim.Simulator.Tenant;

        clock.Advance(TimeSpan.FromMinutes(10));
        tenant.Rename(rows[0].EmployeeId, "First", rows[0].LastName);
        clock.Advance(TimeSpan.FromMinutes(10));
        var first = await sim.GetArray(Feed);
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = await sim.GetArray(Feed);
        tenant.ChangeEmail(rows[1].EmployeeId, "changed@example.com");
        clock.Advance(TimeSpan.FromMinutes(10));
        var third = await sim.GetArray(Feed);

        Assert.Equal([rows[0].EmployeeId], Ids(first));
        Assert.Empty(second);
        Assert.Equal("changed@example.com", UkgTestKit.Text(Assert.Single(third), "emailAddress"));
        Assert.Equal([rows[1].EmployeeId], Ids(third));
    }

    [Fact]
    public async Task Each_service_account_has_its_own_cursor()
    {
        var clock = UkgTestKit.Clock();
        var other = new ServiceAccount("HEADWATER_AUDIT", "Audit-Passw0rd!", ServiceAccount.AllViews);
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small() with { ExtraAccounts = [other] }, clock);
        using var otherHttp = sim.CreateHttp(other.UserName, other.Password, sim.Simulator.Options.CustomerApiKey);
        var row = UkgTestKit.SingleCompanyEmployee(sim);
        clock.Advance(TimeSpan.FromMinutes(10));
        sim.Simulator.Tenant.Rename(row.EmployeeId, "Otto", row.LastName);
        clock.Advance(TimeSpan.FromMinutes(10));

        var mine = await sim.GetArray(Feed);
        var mineAgain = await sim.GetArray(Feed);
        using var theirsResponse = await otherHttp.GetAsync(new Uri(Feed, UriKind.Relative));
        var theirs = await UkgTestKit.ReadArray(theirsResponse);
        using var theirsAgainResponse = await otherHttp.GetAsync(new Uri(Feed, UriKind.Relative));
        var theirsAgain = await UkgTestKit.ReadArray(theirsAgainResponse);

        Assert.Equal([row.EmployeeId], Ids(mine));
        Assert.Empty(mineAgain);
        Assert.Equal([row.EmployeeId], Ids(theirs));
        Assert.Empty(theirsAgain);
    }

    [Fact]
    public async Task Every_change_is_reported_exactly_once_even_at_the_instant_of_a_cursor_call()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var rows = UkgTestKit.SingleCompanyEmployees(sim, 2);
        var tenant = sim.Simulator.Tenant;

        clock.Advance(TimeSpan.FromMinutes(10));
        tenant.Rename(rows[0].EmployeeId, "Before", rows[0].LastName);
        var first = await sim.GetArray(Feed);
        tenant.Rename(rows[1].EmployeeId, "After", rows[1].LastName);
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = await sim.GetArray(Feed);
        clock.Advance(TimeSpan.FromMinutes(10));
        var third = await sim.GetArray(Feed);

        var all = Ids(first).Concat(Ids(second)).Concat(Ids(third)).Order().ToList();
        Assert.Equal(new[] { rows[0].EmployeeId, rows[1].EmployeeId }.Order(), all);
    }

    [Fact]
    public async Task Page_two_of_a_cursor_call_reuses_the_window_that_page_one_opened()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var tenant = sim.Simulator.Tenant;
        var picked = UkgTestKit.SingleCompanyEmployees(sim, 4).Select(r => r.EmployeeId).ToArray();
        clock.Advance(TimeSpan.FromMinutes(10));
        foreach (var id in picked[..3])
        {
            tenant.Rename(id, "Paged", "Person");
        }
        clock.Advance(TimeSpan.FromMinutes(10));

        using var pageOne = await sim.Get(Feed + "?per_page=2");
        var one = await UkgTestKit.ReadArray(pageOne);
        tenant.Rename(picked[3], "Late", "Comer");
        clock.Advance(TimeSpan.FromMinutes(10));
        using var pageTwo = await sim.Get(UkgTestKit.NextLink(pageOne)!);
        var two = await UkgTestKit.ReadArray(pageTwo);
        clock.Advance(TimeSpan.FromMinutes(10));
        var next = await sim.GetArray(Feed);

        Assert.Equal(2, one.Count);
        Assert.Single(two);
        Assert.Null(UkgTestKit.NextLink(pageTwo));
        Assert.Equal(picked[..3].Order(), Ids(one).Concat(Ids(two)).Order());
        Assert.Equal([picked[3]], Ids(next));
    }

    [Fact]
    public async Task A_call_refused_for_a_bad_page_does_not_move_the_cursor()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);
        var row = UkgTestKit.SingleCompanyEmployee(sim);
        clock.Advance(TimeSpan.FromMinutes(10));
        sim.Simulator.Tenant.Rename(row.EmployeeId, "Kept", row.LastName);
        clock.Advance(TimeSpan.FromMinutes(10));

        using var refused = await sim.Get(Feed + "?page=0");
        var items = await sim.GetArray(Feed);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([row.EmployeeId], Ids(items));
    }

    [Fact]
    public async Task With_the_cadence_enforced_a_cursor_call_within_three_hours_is_429()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small() with { Api = new UkgApiSettings { EnforceChangeFeedCadence = true } }, clock);
        var row = UkgTestKit.SingleCompanyEmployee(sim);

        using var first = await sim.Get(Feed);
        clock.Advance(TimeSpan.FromHours(1));
        sim.Simulator.Tenant.Rename(row.EmployeeId, "Cadence", row.LastName);
        clock.Advance(TimeSpan.FromHours(1).Add(TimeSpan.FromMinutes(59)));
        using var tooSoon = await sim.Get(Feed);
        using var window = await sim.Get(Feed + "?startDate=2026-11-23T00:00:00");
        clock.Advance(TimeSpan.FromMinutes(1));
        using var onTime = await sim.Get(Feed);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.OK, window.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
        Assert.Equal([row.EmployeeId], Ids(await UkgTestKit.ReadArray(onTime)));
    }

    [Fact]
    public async Task Without_the_cadence_enforced_calls_in_quick_succession_are_answered()
    {
        var clock = UkgTestKit.Clock();
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small(), clock);

        using var first = await sim.Get(Feed);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var second = await sim.Get(Feed);

        Assert.False(new UkgApiSettings().EnforceChangeFeedCadence);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    private static List<string?> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => UkgTestKit.Text(i, "employeeId"))];
}
