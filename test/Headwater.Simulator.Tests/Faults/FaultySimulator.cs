using Headwater.Simulator.Faults;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Faults;

internal static class FaultySimulator
{
    public static readonly Uri Employees = new("/personnel/v1/employment-details?per_page=20", UriKind.Relative);

    /// <summary>A small tenant with these faults; time is the real clock unless a fake one is given.</summary>
    public static Task<SimulatorClient> StartAsync(FaultSettings faults, TimeProvider? time = null) =>
        SimulatorClient.StartAsync(new SimulatorOptions { Employees = 100, AsOf = new DateOnly(2026, 11, 23), Faults = faults }, time);
}
