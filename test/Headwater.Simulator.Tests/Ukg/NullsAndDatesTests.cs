using System.Globalization;
using System.Text.Json;
using Headwater.Simulator.Generation;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;
using Headwater.Simulator.Ukg;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>Empty values are null (or "" when asked) and date-times are tenant-local, UTC or offset (api-reference §5.1).</summary>
public sealed class NullsAndDatesTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task An_employee_never_terminated_has_a_null_dateOfTermination_by_default()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.DateOfTermination is null);

        var item = await One(sim, row);

        Assert.Equal(JsonValueKind.Null, item.GetProperty("dateOfTermination").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("positionCode").ValueKind);
    }

    [Fact]
    public async Task With_EmptyAsEmptyString_empty_values_are_written_as_empty_strings()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small() with { Api = new UkgApiSettings { EmptyAsEmptyString = true } });
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.DateOfTermination is null);

        var item = await One(sim, row);

        Assert.Equal("", UkgTestKit.Text(item, "dateOfTermination"));
        Assert.Equal("", UkgTestKit.Text(item, "positionCode"));
        Assert.Equal(row.EmployeeId, UkgTestKit.Text(item, "employeeID"));
    }

    [Fact]
    public async Task By_default_date_times_are_tenant_local_with_no_offset()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.IsTerminated);

        var item = await One(sim, row);

        Assert.Equal(row.DateTimeChanged.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), UkgTestKit.Text(item, "dateTimeChanged"));
        Assert.Equal(row.DateOfTermination!.Value.ToString("yyyy-MM-dd'T00:00:00'", CultureInfo.InvariantCulture), UkgTestKit.Text(item, "dateOfTermination"));
    }

    [Fact]
    public async Task The_Utc_date_style_converts_tenant_time_to_UTC_and_ends_with_Z()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small() with { Api = new UkgApiSettings { DateStyle = DateStyle.Utc } });
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.IsTerminated);

        var item = await One(sim, row);

        var changed = UkgTestKit.Text(item, "dateTimeChanged")!;
        Assert.EndsWith("Z", changed, StringComparison.Ordinal);
        Assert.Equal(Instant(row.DateTimeChanged), DateTimeOffset.Parse(changed, CultureInfo.InvariantCulture));
        var terminated = UkgTestKit.Text(item, "dateOfTermination")!;
        Assert.EndsWith("Z", terminated, StringComparison.Ordinal);
        Assert.Equal(Instant(row.DateOfTermination!.Value.ToDateTime(TimeOnly.MinValue)), DateTimeOffset.Parse(terminated, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_Offset_date_style_writes_tenant_time_with_its_offset()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small() with { Api = new UkgApiSettings { DateStyle = DateStyle.Offset } });
        var row = UkgTestKit.SingleCompanyEmployee(sim, r => r.IsTerminated);

        var item = await One(sim, row);

        var changed = UkgTestKit.Text(item, "dateTimeChanged")!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", changed);
        var parsed = DateTimeOffset.Parse(changed, CultureInfo.InvariantCulture);
        Assert.Equal(row.DateTimeChanged, parsed.DateTime);
        Assert.Equal(NewYork.GetUtcOffset(row.DateTimeChanged), parsed.Offset);
    }

    [Theory]
    [InlineData(DateStyle.Local, "2026-03-08T02:30:00")]
    [InlineData(DateStyle.Utc, "2026-03-08T07:30:00.000Z")]
    [InlineData(DateStyle.Offset, "2026-03-08T02:30:00-05:00")]
    public async Task A_tenant_time_in_the_spring_forward_gap_is_still_written(DateStyle style, string expected)
    {
        // 02:30 on 8 March 2026 does not exist in New York: clocks jump from 02:00 to 03:00. Generated
        // dateTimeChanged values are random minutes, so a tenant can hold one; every style must still write it.
        var data = TenantGenerator.Generate(new GeneratorOptions(20, 42, UkgTestKit.AsOf));
        var gap = new DateTime(2026, 3, 8, 2, 30, 0);
        var rows = data.Rows.Select((r, i) => i == 1 ? r with { DateTimeChanged = gap } : r).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"tenant-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(
            new TenantFile(data.Companies, data.OrgLevels, data.Locations, data.Jobs, rows, data.Roles), TenantFile.JsonOptions));
        try
        {
            await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { TenantFile = path, Api = new UkgApiSettings { DateStyle = style } });

            var items = await sim.GetArray(UkgTestKit.EmploymentDetails);

            Assert.Equal(rows.Count, items.Count);
            Assert.Equal(expected, UkgTestKit.Text(items[1], "dateTimeChanged"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<JsonElement> One(SimulatorClient sim, EmployeeRow row) =>
        Assert.Single(await sim.GetArray($"/personnel/v1/companies/{row.CompanyId}/employees/{row.EmployeeId}/employment-details"));

    private static DateTimeOffset Instant(DateTime local) => new(local, NewYork.GetUtcOffset(local));
}
