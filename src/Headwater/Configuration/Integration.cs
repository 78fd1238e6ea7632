using Headwater.Connectors.Destinations;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Notifications;
using Headwater.Scheduling;

namespace Headwater.Configuration;

/// <summary>
/// One integration, as loaded from its YAML file: the UKG connection (and where state is kept) and the destinations
/// kept in step with it.
/// </summary>
public sealed record Integration(Settings Ukg, IReadOnlyList<DestinationSettings> Destinations)
{
    /// <summary>Its <c>name</c>; optional for the CLI.</summary>
    public string? Name { get; init; }

    /// <summary>When the service syncs it (<c>schedule:</c>); the CLI's commands do not use it.</summary>
    public IntegrationSchedule Schedule { get; init; } = IntegrationSchedule.Default;

    /// <summary>Who is emailed about what (<c>notifications:</c>); the CLI's <c>sync</c> and the service both send.</summary>
    public NotificationPolicy Notifications { get; init; } = NotificationPolicy.None;

    public DestinationSettings? Destination(string name) =>
        Destinations.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One destination: its kind and how to reach it, which workers it takes, what each account holds, the lifecycle
/// rules, the groups, the safety limits, and how many changes are applied at once.
/// </summary>
public sealed record DestinationSettings(
    string Name,
    DestinationKind Kind,
    DestinationOptions Options,
    Mapper Mapper,
    SyncPolicy Policy,
    SafetyLimits Limits,
    WorkerScope Scope,
    GroupRules Groups,
    int Concurrency = 8)
{
    /// <summary>A hash of the destination's configuration as written; null when it was built in code. A sync plans
    /// only the workers that changed while this stays the same, and everyone when it changes.</summary>
    public string? Fingerprint { get; init; }
}
