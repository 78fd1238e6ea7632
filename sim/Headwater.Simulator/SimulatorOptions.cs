using Headwater.Simulator.Faults;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Ukg;

namespace Headwater.Simulator;

/// <summary>Everything a simulator run can be told; the defaults give a small tenant on a free loopback port.</summary>
public sealed record SimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    public int Employees { get; init; } = 1000;
    public int Seed { get; init; } = 42;

    /// <summary>The day the generated tenant is "as of"; null means today in the tenant's time zone.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Load this JSON tenant instead of generating one.</summary>
    public string? TenantFile { get; init; }

    public string TimeZone { get; init; } = "America/New_York";
    public string CustomerApiKey { get; init; } = "B5JLX";
    public string UserName { get; init; } = "HEADWATER_SVC";
    public string Password { get; init; } = "Sim-Passw0rd!";
    public string LimitedUserName { get; init; } = "HEADWATER_LIMITED";
    public string LimitedPassword { get; init; } = "Limited-Passw0rd!";

    /// <summary>Service accounts beyond the two above, e.g. a second integration with its own change-feed cursor.</summary>
    public IReadOnlyList<ServiceAccount> ExtraAccounts { get; init; } = [];

    public UkgApiSettings Api { get; init; } = new();
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    public TenantSettings TenantSettings() => new(
        CustomerApiKey,
        [
            new ServiceAccount(UserName, Password, ServiceAccount.AllViews),
            new ServiceAccount(LimitedUserName, LimitedPassword, new HashSet<WebService> { WebService.PersonnelIntegration }),
            .. ExtraAccounts,
        ],
        TimeZone);
}
