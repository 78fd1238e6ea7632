using Headwater.Core.Mapping;
using Headwater.Core.Workers;

namespace Headwater.Core.Planning;

/// <summary>Everything a plan is computed from. <see cref="OutOfScope"/> says why a worker is out of scope, or null.</summary>
public sealed record PlanInput(
    string Destination,
    IReadOnlyList<Worker> Workers,
    IReadOnlyList<KnownAccount> Accounts,
    SyncPolicy Policy,
    Func<Worker, MappedWorker> Map,
    Func<Worker, string?> OutOfScope,
    DateOnly Today,
    DateTimeOffset Now);

/// <summary>
/// The planner: a pure function from the workers UKG describes, the accounts the destination is known to hold,
/// the policy and the date, to the changes that bring the destination in step. It changes nothing; applying is
/// someone else's job. Accounts Headwater neither created nor adopted are never deactivated or deleted, and an
/// account whose worker is absent from the read is left alone: absence is not a termination.
/// </summary>
public static class Planner
{
    public static Plan Create(PlanInput input)
    {
        var accounts = new AccountIndex(input.Accounts);
        var changes = new List<PlannedChange>();
        // First each worker's scope, and who may be linked as a manager (in scope, state known); a manager who ends
        // up with no account here is unlinked at the end.
        var outOfScope = new string?[input.Workers.Count];
        var eligibleManagers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Workers.Count; i++)
        {
            var worker = input.Workers[i];
            outOfScope[i] = input.OutOfScope(worker);
            if (outOfScope[i] is null && worker.Lifecycle.State != LifecycleState.Unknown)
            {
                eligibleManagers.Add(worker.Id);
            }
        }
        for (var i = 0; i < input.Workers.Count; i++)
        {
            var worker = input.Workers[i];
            if (outOfScope[i] is { } reason)
            {
                changes.AddRange(OutOfScope(worker, accounts.Linked(worker.Id), reason, input.Policy));
                continue;
            }
            var mapped = input.Map(worker);
            changes.AddRange(ForWorker(worker, mapped, new Match(accounts.Find(worker, mapped, input.Policy)), input, eligibleManagers));
        }
        var read = input.Workers.Select(w => w.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var orphan in accounts.LinkedAccounts.Where(a => !read.Contains(a.WorkerId!)))
        {
            changes.Add(Skip(orphan.WorkerId!, orphan.AccountId, "The worker is not in UKG's data; the account is left as it is (absence is never a termination)."));
        }
        return new Plan(input.Destination, Order(UnlinkManagersWithoutAccounts(UniqueUserNames(changes, input.Policy), accounts)), input.Now);
    }

    /// <summary>A manager whose own create was skipped (a shared userName, an invalid value, an ambiguous match) has
    /// no account to link to: their reports are planned without the link, so it is not proposed again every run.</summary>
    private static List<PlannedChange> UnlinkManagersWithoutAccounts(List<PlannedChange> changes, AccountIndex accounts)
    {
        var withAccounts = accounts.LinkedAccounts.Select(a => a.WorkerId!)
            .Concat(changes.Where(c => c.Kind == ChangeKind.Create || c.IsChange && c.AccountId is not null).Select(c => c.WorkerId))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new List<PlannedChange>(changes.Count);
        foreach (var change in changes)
        {
            if (change.ManagerWorkerId is not { } manager || withAccounts.Contains(manager))
            {
                result.Add(change);
                continue;
            }
            if (change.Kind == ChangeKind.Create)
            {
                result.Add(change with { ManagerWorkerId = null });
                continue;
            }
            var link = change.Attributes.FirstOrDefault(a => a.Name == "manager");
            List<AttributeChange> attributes = [.. change.Attributes.Where(a => a != link)];
            if (link?.Old is not null)
            {
                attributes.Add(link with { New = null });
            }
            const string Changed = "Changed in UKG: ";
            var at = change.Reason.IndexOf(Changed, StringComparison.Ordinal);
            if (attributes.Count == 0 && change.Kind == ChangeKind.Update && at == 0)
            {
                continue;
            }
            var reason = at < 0 ? change.Reason
                : change.Reason[..at] + (attributes.Count == 0 ? "" : $"{Changed}{string.Join(", ", attributes.Select(a => a.Name))}.");
            result.Add(change with { ManagerWorkerId = null, Attributes = attributes, Reason = reason.Trim() });
        }
        return result;
    }

    /// <summary>Two new accounts may not share a userName (SCIM requires it unique; two workers with one email would
    /// otherwise meet in one account). The first worker by id keeps the create; the others are skipped, naming it.</summary>
    private static List<PlannedChange> UniqueUserNames(List<PlannedChange> changes, SyncPolicy policy)
    {
        var target = policy.MatchBy.FirstOrDefault(m => m.Key == AccountKey.UserName)?.Target ?? "userName";
        string? UserName(PlannedChange change) =>
            change.Attributes.FirstOrDefault(a => string.Equals(a.Name, target, StringComparison.OrdinalIgnoreCase))?.New?.Trim().ToUpperInvariant();
        var clashes = changes.Where(c => c.Kind == ChangeKind.Create && UserName(c) is not null)
            .GroupBy(UserName).Where(g => g.Count() > 1).ToList();
        if (clashes.Count == 0)
        {
            return changes;
        }
        var replaced = new Dictionary<PlannedChange, PlannedChange>(ReferenceEqualityComparer.Instance);
        foreach (var clash in clashes)
        {
            var ordered = clash.OrderBy(c => c.WorkerId, StringComparer.OrdinalIgnoreCase).ToList();
            var userName = ordered[0].Attributes.First(a => string.Equals(a.Name, target, StringComparison.OrdinalIgnoreCase)).New;
            foreach (var other in ordered.Skip(1))
            {
                replaced[other] = Skip(other.WorkerId, null,
                    $"Not created: the {target} '{userName}' would be the same as worker {ordered[0].WorkerId}'s, and it must be unique. Give each person their own email in UKG.");
            }
        }
        return [.. changes.Select(c => replaced.GetValueOrDefault(c) ?? c)];
    }

    /// <summary>The worker's account as matched: linked or adopted, or why none could be matched.</summary>
    private readonly record struct Match(KnownAccount? Account, string? Problem, string? Adopted)
    {
        public Match((KnownAccount? Account, string? Problem, string? Adopted) found) : this(found.Account, found.Problem, found.Adopted)
        {
        }
    }

    private static IEnumerable<PlannedChange> ForWorker(Worker worker, MappedWorker mapped, Match match, PlanInput input, HashSet<string> eligibleManagers)
    {
        var policy = input.Policy;
        var (account, matchProblem, adopted) = match;
        if (matchProblem is not null)
        {
            yield return Skip(worker.Id, null, matchProblem);
            yield break;
        }
        var lifecycle = worker.Lifecycle;
        if (lifecycle.State == LifecycleState.Unknown)
        {
            yield return Skip(worker.Id, account?.AccountId, $"{lifecycle.Reason} Nothing is changed until the status is known.");
            yield break;
        }
        var (wantActive, wantAccount, why) = Desired(worker, account, policy, input.Today, input.Now);
        if (account is null)
        {
            if (!wantAccount)
            {
                if (why is not null)
                {
                    yield return Skip(worker.Id, null, why);
                }
                yield break;
            }
            if (Invalid(mapped) is { } invalid)
            {
                yield return Skip(worker.Id, null, invalid);
                yield break;
            }
            var values = mapped.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value))
                .Select(v => new AttributeChange(v.Target, null, v.Value)).ToList();
            yield return new PlannedChange(ChangeKind.Create, worker.Id, null, values, why ?? lifecycle.Reason,
                Manager(worker, eligibleManagers), wantActive);
            yield break;
        }
        if (account.Active && !wantActive)
        {
            yield return new PlannedChange(ChangeKind.Deactivate, worker.Id, account.AccountId, [], Join(adopted, why ?? lifecycle.Reason), Active: false);
            yield break;
        }
        if (!account.Active && !wantActive)
        {
            if (adopted is not null)
            {
                yield return new PlannedChange(ChangeKind.Update, worker.Id, account.AccountId, [], Join(adopted, lifecycle.Reason), Active: false);
                yield break;
            }
            if (policy.DeleteAfter is { } grace && lifecycle.State == LifecycleState.Terminated
                && account.DeactivatedAt is { } since && input.Now - since >= grace)
            {
                yield return new PlannedChange(ChangeKind.Delete, worker.Id, account.AccountId, [],
                    $"Deactivated on {since:yyyy-MM-dd}, more than {grace.TotalDays:0} days ago ({lifecycle.Reason})", Active: false);
            }
            yield break;
        }
        if (Invalid(mapped) is { } problem)
        {
            yield return Skip(worker.Id, account.AccountId, problem);
            yield break;
        }
        var changed = Differences(mapped, account);
        var manager = Manager(worker, eligibleManagers);
        if (!string.Equals(manager, account.ManagerWorkerId, StringComparison.OrdinalIgnoreCase))
        {
            changed.Add(new AttributeChange("manager", account.ManagerWorkerId, manager));
        }
        if (!account.Active)
        {
            yield return new PlannedChange(ChangeKind.Reactivate, worker.Id, account.AccountId, changed, Join(adopted, why ?? lifecycle.Reason), manager);
        }
        else if (changed.Count > 0 || adopted is not null)
        {
            var what = changed.Count == 0 ? null : $"Changed in UKG: {string.Join(", ", changed.Select(c => c.Name))}.";
            yield return new PlannedChange(ChangeKind.Update, worker.Id, account.AccountId, changed, Join(adopted, what)!, manager);
        }
    }

    /// <summary>Whether the worker should have an active account today, whether one should exist at all, and why.</summary>
    private static (bool Active, bool Exists, string? Why) Desired(Worker worker, KnownAccount? account, SyncPolicy policy, DateOnly today, DateTimeOffset now)
    {
        var lifecycle = worker.Lifecycle;
        switch (lifecycle.State)
        {
            case LifecycleState.Terminated:
                return (false, false, account is null ? null : $"{lifecycle.Reason} Access ends.");
            case LifecycleState.PendingStart:
                var start = lifecycle.Since ?? today;
                var createOn = start.AddDays(-policy.DaysBeforeHire);
                var due = policy.CreateWhen == CreateWhen.Appears || today >= createOn;
                var active = policy.NewAccounts == NewAccountState.Active;
                if (account is not null)
                {
                    return (account.Active || active, true, null);
                }
                return due
                    ? (active, true, active ? $"{lifecycle.Reason} Created ahead of the start date." : $"{lifecycle.Reason} Created inactive until the start date.")
                    : (false, false, $"{lifecycle.Reason} The account will be created on {createOn:yyyy-MM-dd}.");
            case LifecycleState.OnLeave when policy.Leave == LeavePolicy.Deactivate:
                return (false, account is not null, account is null ? $"{lifecycle.Reason} No account is created during a leave." : $"{lifecycle.Reason} Deactivated during the leave.");
            case LifecycleState.Suspended when policy.Suspension == LeavePolicy.Deactivate:
                return (false, account is not null, account is null ? $"{lifecycle.Reason} No account is created during a suspension." : $"{lifecycle.Reason} Deactivated during the suspension.");
            default:
                _ = now;
                return (true, true, null);
        }
    }

    private static IEnumerable<PlannedChange> OutOfScope(Worker worker, KnownAccount? account, string reason, SyncPolicy policy)
    {
        if (account is { Active: true } && policy.OutOfScope == OutOfScopePolicy.Deactivate)
        {
            yield return new PlannedChange(ChangeKind.Deactivate, worker.Id, account.AccountId, [], $"No longer in scope: {reason}", Active: false);
        }
    }

    private static List<AttributeChange> Differences(MappedWorker mapped, KnownAccount account)
    {
        var changes = new List<AttributeChange>();
        foreach (var value in mapped.Values)
        {
            if (value.Applies == MappingApplies.OnCreate)
            {
                continue;
            }
            var empty = string.IsNullOrWhiteSpace(value.Value);
            if (empty && value.WhenEmpty == WhenEmpty.Ignore)
            {
                continue;
            }
            var old = account.Values.GetValueOrDefault(value.Target);
            var next = empty ? null : value.Value;
            if (!string.Equals(old, next, StringComparison.Ordinal))
            {
                changes.Add(new AttributeChange(value.Target, old, next));
            }
        }
        return changes;
    }

    private static string? Invalid(MappedWorker mapped) => mapped.Problems.Count == 0 ? null
        : "Not sent: " + string.Join(" ", mapped.Problems.Select(p => p.Message));

    /// <summary>The manager to link: the worker's supervisor when that supervisor is in scope and the supervisor
    /// chain is sound; a manager who enters scope later is linked then, as an update.</summary>
    private static string? Manager(Worker worker, HashSet<string> eligible) =>
        worker.ManagerId is { } id && eligible.Contains(id) && !worker.Issues.Any(i => i.Code is "manager-cycle" or "unknown-manager") ? id : null;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(second))]
    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first} {second}";

    private static PlannedChange Skip(string workerId, string? accountId, string reason) => new(ChangeKind.Skip, workerId, accountId, [], reason);

    /// <summary>Creates first, managers before their reports, then reactivations, updates, deactivations, deletions
    /// and skips.</summary>
    private static List<PlannedChange> Order(List<PlannedChange> changes)
    {
        var creates = changes.Where(c => c.Kind == ChangeKind.Create).ToList();
        var created = creates.Select(c => c.WorkerId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byWorker = creates.ToDictionary(c => c.WorkerId, StringComparer.OrdinalIgnoreCase);
        int Depth(PlannedChange change)
        {
            var depth = 0;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var manager = change.ManagerWorkerId; manager is not null && created.Contains(manager) && seen.Add(manager); depth++)
            {
                manager = byWorker[manager].ManagerWorkerId;
            }
            return depth;
        }
        return [.. creates.OrderBy(Depth), .. changes.Where(c => c.Kind != ChangeKind.Create).OrderBy(c => c.Kind)];
    }
}
