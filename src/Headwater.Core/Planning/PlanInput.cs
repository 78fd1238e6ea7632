using Headwater.Core.Mapping;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;

namespace Headwater.Core.Planning;

/// <summary>
/// Everything a plan is computed from: UKG's workers, the accounts the destination is known to hold, the policy,
/// how workers are mapped and scoped, and the date. Each worker is flattened to its attributes once, and scope,
/// mapping and group rules all read that one flattening.
/// </summary>
public sealed record PlanInput(
    string Destination,
    IReadOnlyList<Worker> Workers,
    IReadOnlyList<KnownAccount> Accounts,
    SyncPolicy Policy,
    Mapper Mapper,
    WorkerScope Scope,
    DateOnly Today,
    DateTimeOffset Now)
{
    public GroupRules Groups { get; init; } = GroupRules.None;

    /// <summary>The groups Headwater knows in the destination (from its own record); null when groups are not kept.</summary>
    public IReadOnlyList<KnownGroup>? KnownGroups { get; init; }

    /// <summary>The workers whose changes are wanted, when not everyone's: the other workers are context (a report's
    /// manager), decided but not planned, and accounts whose worker is absent are not listed again. Null: everyone.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    internal bool Plans(string workerId) => Only is null || Only.Contains(workerId);
}
