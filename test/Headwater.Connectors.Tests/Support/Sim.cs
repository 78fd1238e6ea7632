using Headwater.Connectors.Ukg;
using Headwater.Simulator;
using Headwater.Simulator.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Connectors.Tests.Support;

/// <summary>What the simulator-backed tests share: a fixed "as of" day, a fake clock on it, and row keys.</summary>
public static class Sim
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>15:00 UTC on the "as of" day: 10:00 in the tenant's New York time zone.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static SimulatorOptions Small(int employees = 300) => new() { Employees = employees, AsOf = AsOf };

    public static FakeTimeProvider Clock() => new(Start);

    /// <summary>A simulator on a fake clock at <see cref="Start"/> (or the given clock).</summary>
    public static Task<UkgSimulator> StartAsync(SimulatorOptions? options = null, TimeProvider? clock = null) =>
        UkgSimulator.StartAsync(options ?? Small(), clock ?? Clock());

    public static EmployeeRow[] Rows(this UkgSimulator sim) => sim.Tenant.Snapshot().ToArray();

    public static string Key(EmployeeRow row) => row.EmployeeId + "/" + row.CompanyId;

    public static string Key(EmploymentRecord row) => row.EmployeeId + "/" + row.CompanyId;

    public static string Key(PersonRecord row) => row.EmployeeId + "/" + row.CompanyId;
}
