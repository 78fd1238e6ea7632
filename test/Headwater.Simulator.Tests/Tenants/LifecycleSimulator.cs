using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Simulator.Tests.Tenants;

/// <summary>
/// A simulator on a fake clock at 10:00 on 23 November 2026 in New York (15:00 UTC), the day the tenant is as of.
/// Each test moves the clock a minute on before its first event, so events land inside the change feed's first window.
/// </summary>
internal static class LifecycleSimulator
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public static async Task<(SimulatorClient Sim, FakeTimeProvider Time)> StartAsync(int employees = 300)
    {
        var time = new FakeTimeProvider(Start);
        var sim = await SimulatorClient.StartAsync(new SimulatorOptions { Employees = employees, AsOf = AsOf }, time);
        return (sim, time);
    }

    public static Tenant Tenant(this SimulatorClient sim) => sim.Simulator.Tenant;

    /// <summary>An active person in one company, hired in the past, with no termination on record.</summary>
    public static EmployeeRow PlainActiveEmployee(this Tenant tenant, int skip = 0) =>
        tenant.Snapshot().ToArray()
            .Where(r => r.IsHomeCompany && r.StatusCode == EmployeeStatus.Active && r.DateOfTermination is null
                && r.LastHireDate < AsOf && tenant.HomeRowOf(r.SupervisorId) is not null && tenant.RowsOf(r.EmployeeId).Count == 1)
            .Skip(skip)
            .First();

    public static EmployeeRow Current(this Tenant tenant, EmployeeRow row) =>
        tenant.RowsOf(row.EmployeeId).Single(r => r.CompanyId == row.CompanyId);
}
