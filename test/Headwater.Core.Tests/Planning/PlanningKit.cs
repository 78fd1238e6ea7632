using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;

namespace Headwater.Core.Tests.Planning;

/// <summary>Workers, accounts and plans for planner tests: one destination, the SCIM default mapping.</summary>
internal static class PlanningKit
{
    public static readonly DateOnly Today = new(2026, 11, 23);
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly Mapper Scim = Mapper.Create(ScimMapping.Defaults);

    /// <summary>The default policy of a SCIM destination: its match keys.</summary>
    public static readonly SyncPolicy Policy = new() { MatchBy = new ScimKind().MatchBy };

    private static readonly Employment Employment = new() { CompanyId = "C1", StatusCode = "A", JobTitle = "Analyst" };

    /// <summary>The worker with <paramref name="employment"/> as their only, home employment.</summary>
    public static Worker WithPrimary(this Worker worker, Employment employment) => worker with { Primary = employment, Employments = [employment] };

    public static Worker Worker(string id, LifecycleState state = LifecycleState.Active, DateOnly? since = null, DateOnly? until = null,
        string? manager = null, string? email = null, string lastName = "Doe") => new()
    {
        Id = id,
        EmployeeNumber = "00" + id,
        FirstName = "Pat",
        LastName = lastName,
        Email = email ?? $"{id.ToLowerInvariant()}@example.com",
        ManagerId = manager,
        Primary = Employment,
        Employments = [Employment],
        Lifecycle = new Lifecycle(state, since, until, $"{state}."),
    };

    /// <summary>The account a previous sync left for <paramref name="worker"/>: its mapped values as they are now.</summary>
    public static KnownAccount AccountOf(Worker worker, bool active = true, Ownership ownership = Ownership.Created,
        DateTimeOffset? deactivatedAt = null, string? managerWorkerId = null) =>
        new("acct-" + worker.Id, worker.Id, ownership, active,
            Scim.Map(worker).Values.ToDictionary(v => v.Target, v => v.Value),
            worker.Id, worker.Email?.ToLowerInvariant(), worker.Email, deactivatedAt, managerWorkerId);

    public static KnownAccount Unmanaged(string id, string? externalId = null, string? email = null, string? userName = null, bool active = true) =>
        new(id, null, Ownership.Unmanaged, active, new Dictionary<string, string?>(), externalId, userName, email);

    public static Plan Plan(IReadOnlyList<Worker> workers, IReadOnlyList<KnownAccount>? accounts = null, SyncPolicy? policy = null,
        WorkerScope? scope = null, Mapper? mapper = null) =>
        Planner.Create(Input(workers, accounts, policy, scope, mapper));

    public static PlanInput Input(IReadOnlyList<Worker> workers, IReadOnlyList<KnownAccount>? accounts = null, SyncPolicy? policy = null,
        WorkerScope? scope = null, Mapper? mapper = null) =>
        new("test", workers, accounts ?? [], policy ?? Policy, mapper ?? Scim, scope ?? WorkerScope.Everyone, Today, Now);

    /// <summary>A scope that excludes workers whose <paramref name="attribute"/> is one of <paramref name="values"/>.</summary>
    public static WorkerScope Excluding(string attribute, params string[] values) =>
        new([ScopeRule.Create(attribute, ScopeTest.NotIn, values, out var problems)
            ?? throw new ArgumentException(string.Join("; ", problems), nameof(values))]);

    public static PlannedChange Single(this Plan plan) => Assert.Single(plan.Changes);
}
