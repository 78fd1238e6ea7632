using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Headwater.Simulator.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Simulator.Tests.Support;

/// <summary>The UKG and admin calls the lifecycle tests make, each returning what UKG would show.</summary>
public static class UkgReads
{
    /// <summary>The employment-details row of one employee in one company.</summary>
    public static async Task<JsonElement> EmploymentOf(this SimulatorClient sim, string companyId, string employeeId)
    {
        var rows = await sim.GetJson($"/personnel/v1/companies/{companyId}/employees/{employeeId}/employment-details");
        return Assert.Single(rows.EnumerateArray());
    }

    public static Task<JsonElement> EmploymentOf(this SimulatorClient sim, EmployeeRow row) => sim.EmploymentOf(row.CompanyId, row.EmployeeId);

    /// <summary>The single-object person-details of an employee's home company.</summary>
    public static Task<JsonElement> PersonOf(this SimulatorClient sim, string employeeId) =>
        sim.GetJson($"/personnel/v1/person-details/{employeeId}");

    public static async Task<List<JsonElement>> JobHistoryOf(this SimulatorClient sim, string employeeId)
    {
        var entries = await sim.GetJson($"/personnel/v1/employee-job-history-details?employeeId={employeeId}");
        return [.. entries.EnumerateArray()];
    }

    /// <summary>The next window of the change feed (since the service account's previous call).</summary>
    /// <summary>The next change-feed window. Windows are half-open, so a change stamped at the very instant of a call
    /// belongs to the following window; on a fake clock a tick passes first, as time would.</summary>
    public static async Task<List<JsonElement>> NextChanges(this SimulatorClient sim)
    {
        if (sim.Simulator.Tenant.Time is FakeTimeProvider clock)
        {
            clock.Advance(TimeSpan.FromTicks(1));
        }
        var rows = await sim.GetJson("/personnel/v1/employee-changes");
        return [.. rows.EnumerateArray()];
    }

    public static Task<HttpResponseMessage> PostAdmin<T>(this SimulatorClient sim, string path, T body) =>
        sim.Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public static string Text(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");

    public static string? TextOrNull(this JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>A date-time as the simulator writes it by default: tenant-local, no offset.</summary>
    public static string Local(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Local(DateOnly value) => Local(value.ToDateTime(TimeOnly.MinValue));
}
