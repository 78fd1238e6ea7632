using Headwater.Core.Workers;

namespace Headwater.Core.Planning;

/// <summary>The manager a worker's account is linked to, or why none is (a clause such as "supervisor M1 is
/// terminated").</summary>
internal readonly record struct ManagerLink(string? ManagerWorkerId, string? Unlinked);

/// <summary>
/// Each worker's manager link, once every account decision is known. A supervisor is linked while they have an
/// account once the plan is applied, whether or not this read returned them: a manager missing from a read is not
/// a manager removed. A supervisor who is terminated, not yet started, without an account or not found is not
/// linked, and the report's change says so.
/// </summary>
internal sealed class ManagerLinks
{
    private readonly Dictionary<string, AccountDecision> _decisions = new(StringComparer.OrdinalIgnoreCase);
    private readonly AccountIndex _accounts;

    public ManagerLinks(IEnumerable<AccountDecision> decisions, AccountIndex accounts)
    {
        foreach (var decision in decisions)
        {
            _decisions[decision.Worker.Id] = decision;
        }
        _accounts = accounts;
    }

    public ManagerLink For(Worker worker)
    {
        if (worker.ManagerId is not { } id)
        {
            return default;
        }
        if (worker.Issues.Any(i => i.Code == "manager-cycle"))
        {
            return new(null, "the supervisor chain loops");
        }
        if (_decisions.TryGetValue(id, out var manager))
        {
            return manager.HoldsAccount ? new(id, null) : new(null, $"supervisor {id} {Standing(manager)}");
        }
        // Not in this read: their account is left as it is (absence is never a termination), so the link stays.
        return _accounts.Linked(id) is not null ? new(id, null) : new(null, $"supervisor {id} is not in UKG's data");
    }

    /// <summary>Why the account's link changes from <paramref name="linked"/> to <paramref name="link"/>, with the
    /// code of a change that is only this.</summary>
    public static Why Relinked(Worker worker, string? linked, ManagerLink link)
    {
        var next = link.ManagerWorkerId;
        if (linked is null)
        {
            return new(ReasonCode.ManagerChanged, $"Linked to manager {next}.");
        }
        if (next is not null)
        {
            return new(ReasonCode.ManagerChanged, $"UKG's supervisor changed from {linked} to {next}.");
        }
        if (worker.ManagerId is null)
        {
            return new(ReasonCode.ManagerChanged, $"UKG names no supervisor any more (was {linked}); the manager link is removed.");
        }
        if (string.Equals(worker.ManagerId, linked, StringComparison.OrdinalIgnoreCase))
        {
            return new(ReasonCode.ManagerUnlinked, $"Manager {linked} is unlinked: {link.Unlinked}.");
        }
        var changed = $"UKG's supervisor changed from {linked} to {worker.ManagerId}; no manager is linked: {link.Unlinked}.";
        return new(ReasonCode.ManagerChanged, changed);
    }

    private static string Standing(AccountDecision manager) => manager.Worker.Lifecycle switch
    {
        _ when !manager.InScope => "is out of scope",
        { State: LifecycleState.Unknown } => "has a status Headwater does not know",
        { State: LifecycleState.Terminated or LifecycleState.TerminationScheduled } => "is terminated",
        { State: LifecycleState.PendingStart, Since: { } start } => $"has not started yet (starts {start:yyyy-MM-dd})",
        { State: LifecycleState.PendingStart } => "has not started yet",
        _ => "has no account",
    };
}
